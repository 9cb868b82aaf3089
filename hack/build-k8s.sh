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

# go_build NAME VERSION PACKAGE LDFLAGS [REPLACE...]
# Each tool gets its own wrapper module requiring only its module, so the build list
# is the one the tool was released with (a shared module would let dependencies drift).
go_build() {
  local name=$1 version=$2 pkg=$3 ldflags=$4 out=$BIN/$2/$1
  shift 4
  wanted "$name" && [[ ! -x $out ]] || return 0
  local dir=$SRC/$name-$version start=$SECONDS
  log "building $name $version"
  rm -rf "$dir" && mkdir -p "$dir" "$BIN/$version"
  (
    cd "$dir"
    go mod init "podlab.local/build/$name" >/dev/null 2>&1
    for r in "$@"; do go mod edit -replace "$r"; done
    go get "$pkg@$version" 2>get.log || { cat get.log >&2; exit 1; }
    go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg"
  )
  mv "$out.tmp" "$out"
  log "built $name $version in $((SECONDS - start))s ($(du -h "$out" | cut -f1))"
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
for cmd in "${k8s_cmds[@]}"; do
  go_build "$cmd" "$KUBERNETES_VERSION" "k8s.io/kubernetes/cmd/$cmd" "$k8s_ldflags" ${k8s_replaces[@]+"${k8s_replaces[@]}"}
done

go_build etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 ""
go_build coredns "$COREDNS_VERSION" github.com/coredns/coredns ""
go_build crictl "$CRICTL_VERSION" sigs.k8s.io/cri-tools/cmd/crictl \
  "-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"
go_build kind "$KIND_VERSION" sigs.k8s.io/kind ""
go_build kube-router "$KUBE_ROUTER_VERSION" github.com/cloudnativelabs/kube-router/v2/cmd/kube-router \
  "-X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION"

go_build metrics-server "$METRICS_SERVER_VERSION" sigs.k8s.io/metrics-server/cmd/metrics-server \
  "-X k8s.io/client-go/pkg/version.gitVersion=$METRICS_SERVER_VERSION"
for part in controller speaker; do
  go_build "metallb-$part" "$METALLB_VERSION" "go.universe.tf/metallb/$part" ""
done

# pause is C; a static binary runs FROM scratch.
if wanted pause && [[ ! -x $BIN/$PAUSE_VERSION/pause ]]; then
  command -v gcc >/dev/null || die "gcc missing: apt-get install gcc libc6-dev"
  mkdir -p "$BIN/$PAUSE_VERSION"
  gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION" -o "$BIN/$PAUSE_VERSION/pause" "${k8s_module[1]}/build/pause/linux/pause.c"
  strip "$BIN/$PAUSE_VERSION/pause"
  log "built pause $PAUSE_VERSION"
fi
log "binaries ready in $BIN"
