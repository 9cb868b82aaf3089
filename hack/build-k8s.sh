#!/usr/bin/env bash
# Builds the Kubernetes, etcd, CoreDNS, crictl, kind, kube-router, pause, metrics-server and
# MetalLB binaries from Go modules, so a kind cluster needs no registry. Outputs go to
# $PODLAB_CACHE/bin/<version>/<name>; anything already there is kept (delete to rebuild).
# Usage: build-k8s.sh [NAME...]   (default: all; tools.sh asks for kind or kubectl alone
# when the user has no fitting one)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BIN=$PODLAB_CACHE/bin
SRC=$PODLAB_CACHE/src
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
targets=("$@")
wanted() { ((${#targets[@]} == 0)) || [[ " ${targets[*]} " == *" $1 "* ]]; }

# go_build "NAME=PACKAGE..." VERSION LDFLAGS [REPLACE...]: the commands of one module at one
# VERSION, those not built yet, with one `go get` and one `go build` (shared packages compile
# once, links run side by side). Each module gets its own wrapper module requiring only it, so
# the build list is the one the tool was released with (a shared module would let dependencies drift).
go_build() {
  local version=$2 ldflags=$3 todo=() pkgs=() p name pkg bin dir start=$SECONDS
  for p in $1; do
    name=${p%%=*}
    if wanted "$name" && [[ ! -x $BIN/$version/$name ]]; then todo+=("$p") pkgs+=("${p#*=}"); fi
  done
  shift 3
  ((${#todo[@]})) || return 0
  dir=$SRC/${todo[0]%%=*}-$version
  log "building ${todo[*]%%=*} $version"
  rm -rf "$dir" && mkdir -p "$dir/out" "$BIN/$version"
  (
    cd "$dir"
    go mod init "podlab.local/build/${todo[0]%%=*}" >/dev/null 2>&1
    for r in "$@"; do go mod edit -replace "$r"; done
    go get "${pkgs[@]/%/@$version}" 2>get.log || { cat get.log >&2; exit 1; }
    go build -trimpath -ldflags "-s -w $ldflags" -o out/ "${pkgs[@]}"
  )
  for p in "${todo[@]}"; do
    name=${p%%=*} pkg=${p#*=} bin=${pkg##*/}
    # go names a command after its path's last element, or the one before a major version (/v3).
    [[ ! $bin =~ ^v[0-9]+$ ]] || bin=$(basename "$(dirname "$pkg")")
    mv "$dir/out/$bin" "$BIN/$version/$name"
    log "built $name $version ($(du -h "$BIN/$version/$name" | cut -f1))"
  done
  log "built ${todo[*]%%=*} $version in $((SECONDS - start))s"
}

k8s_cmds=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy)
# k8s.io/kubernetes from the module cache, asked for once and only when something is built from
# it (its commands, pause): its go.mod path, then its directory.
k8s_module=()
for name in "${k8s_cmds[@]}" pause; do
  version=$KUBERNETES_VERSION
  [[ $name == pause ]] && version=$PAUSE_VERSION
  if wanted "$name" && [[ ! -x $BIN/$version/$name ]]; then
    mapfile -t k8s_module < <(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/.*"\(GoMod\|Dir\)": "\(.*\)",/\2/p')
    break
  fi
done

# Kubernetes' own go.mod points its staging modules (k8s.io/api, client-go, ...) at
# ./staging, which a dependent module cannot see: use the published v0.X.Y instead.
k8s_minor=${KUBERNETES_VERSION#v1.}; k8s_minor=${k8s_minor%%.*}
k8s_replaces=()
((${#k8s_module[@]} == 0)) ||
  mapfile -t k8s_replaces < <(sed -n "s#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1=\1@v0.${KUBERNETES_VERSION#v1.}#p" "${k8s_module[0]}")
# kubeadm compares these with the versions it deploys.
k8s_ldflags=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$k8s_minor"
  k8s_ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done
go_build "$(for cmd in "${k8s_cmds[@]}"; do echo "$cmd=k8s.io/kubernetes/cmd/$cmd"; done)" \
  "$KUBERNETES_VERSION" "$k8s_ldflags" ${k8s_replaces[@]+"${k8s_replaces[@]}"}

go_build etcd=go.etcd.io/etcd/server/v3 "$ETCD_VERSION" ""
go_build coredns=github.com/coredns/coredns "$COREDNS_VERSION" ""
go_build crictl=sigs.k8s.io/cri-tools/cmd/crictl "$CRICTL_VERSION" \
  "-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"
go_build kind=sigs.k8s.io/kind "$KIND_VERSION" ""
go_build kube-router=github.com/cloudnativelabs/kube-router/v2/cmd/kube-router "$KUBE_ROUTER_VERSION" \
  "-X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION"

go_build metrics-server=sigs.k8s.io/metrics-server/cmd/metrics-server "$METRICS_SERVER_VERSION" \
  "-X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION"
go_build "metallb-controller=go.universe.tf/metallb/controller metallb-speaker=go.universe.tf/metallb/speaker" "$METALLB_VERSION" ""

# pause is C; a static binary runs FROM scratch.
if wanted pause && [[ ! -x $BIN/$PAUSE_VERSION/pause ]]; then
  command -v gcc >/dev/null || die "gcc missing: apt-get install gcc libc6-dev"
  mkdir -p "$BIN/$PAUSE_VERSION"
  gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION" -o "$BIN/$PAUSE_VERSION/pause" "${k8s_module[1]}/build/pause/linux/pause.c"
  strip "$BIN/$PAUSE_VERSION/pause"
  log "built pause $PAUSE_VERSION"
fi
log "binaries ready in $BIN"
