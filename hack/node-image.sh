#!/usr/bin/env bash
# Builds a kind node image ($NODE_IMAGE) with no registry: the Kubernetes component images
# under the names kubeadm expects, kube-router as the pod network, and a Debian rootfs
# dressed with kind's base-image files, all images preloaded into the node's containerd.
# Online users do not need this: cluster.sh prefers the public kindest/node image.
# Every image is tagged by version and skipped when it already exists.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BIN=$PODLAB_CACHE/bin
KUBE_ROUTER_IMAGE=docker.io/podlab/kube-router:$KUBE_ROUTER_VERSION
NODE_PACKAGES=systemd,systemd-sysv,containerd,runc,containernetworking-plugins,conntrack,iptables,nftables,iproute2,ethtool,util-linux,mount,kmod,libseccomp2,pigz,bash,ca-certificates,curl,jq,procps,socat,e2fsprogs
NET_PACKAGES=iptables,ipset,conntrack,iproute2,kmod
# Tags of the Debian bases follow their package lists, so a changed list rebuilds them.
pkg_tag() { printf '%s' "$1" | sha256sum | cut -c1-10; }
NODE_ROOTFS=podlab/kind-node-rootfs:$DEBIAN_SUITE-$(pkg_tag "$NODE_PACKAGES")
NET_BASE=podlab/net-base:$DEBIAN_SUITE-$(pkg_tag "$NET_PACKAGES")

if image_exists "$NODE_IMAGE"; then
  log "$NODE_IMAGE already built"
  exit 0
fi
"$HACK_DIR/build-k8s.sh"
kubeadm=$BIN/$KUBERNETES_VERSION/kubeadm
kind_dir=$(go mod download -json "sigs.k8s.io/kind@$KIND_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# image NAME DOCKERFILE FILE... : docker build from a context holding only FILEs.
image() {
  local name=$1 dockerfile=$2 ctx=$work/ctx-${1//[\/:]/_}
  shift 2
  if image_exists "$name"; then return; fi
  mkdir -p "$ctx" && cp "$@" "$ctx/"
  docker build -q -t "$name" -f - "$ctx" <<<"$dockerfile" >/dev/null
  log "built $name"
}
static_image() { # NAME BINARY: a static binary FROM scratch, found on PATH like upstream's
  image "$1" "FROM scratch
COPY $(basename "$2") /usr/local/bin/
ENV PATH=/usr/local/bin" "$2"
}

rootfs_image "$NET_BASE" "$NET_PACKAGES" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

# Build what kubeadm will ask for, by the exact names it prints; the versions pinned in
# versions.env must be the ones this kubeadm deploys. The e2e tests' throwaway cluster
# (kindcontainer) renders its own kubeadm config with its version enum's Kubernetes version,
# so the control-plane images are also tagged with that version (same binaries, same image).
pinned() { [[ ${ref##*:} == "$1" ]] || die "kubeadm wants $ref but versions.env pins $1"; }
images=()
while read -r ref; do
  [[ " ${images[*]} " == *" $ref "* ]] && continue
  name=${ref#registry.k8s.io/}; name=${name%%:*}
  case $name in
    kube-apiserver | kube-controller-manager | kube-scheduler)
      static_image "$ref" "$BIN/$KUBERNETES_VERSION/$name" ;;
    etcd) pinned "$ETCD_IMAGE_TAG" && static_image "$ref" "$BIN/$ETCD_VERSION/etcd" ;;
    kube-proxy) # needs iptables and conntrack
      image "$ref" "FROM $NET_BASE
COPY kube-proxy /usr/local/bin/" "$BIN/$KUBERNETES_VERSION/kube-proxy" ;;
    coredns/coredns)
      pinned "$COREDNS_VERSION" && image "$ref" 'FROM scratch
COPY coredns /coredns
ENTRYPOINT ["/coredns"]' "$BIN/$COREDNS_VERSION/coredns" ;;
    pause)
      pinned "$PAUSE_VERSION" && image "$ref" 'FROM scratch
COPY pause /pause
USER 65535:65535
ENTRYPOINT ["/pause"]' "$BIN/$PAUSE_VERSION/pause" ;;
    *) die "kubeadm wants $ref, which this script does not know how to build" ;;
  esac
  images+=("$ref")
done < <(for v in "$KUBERNETES_VERSION" "$KINDCONTAINER_KUBERNETES_VERSION"; do
  "$kubeadm" config images list --kubernetes-version "$v"
done)
pause_image=$(printf '%s\n' "${images[@]}" | grep /pause:)

# kube-router programs routes, iptables and ipsets (it exits without the ipset tool).
image "$KUBE_ROUTER_IMAGE" "FROM $NET_BASE
COPY kube-router /usr/local/bin/" "$BIN/$KUBE_ROUTER_VERSION/kube-router"
images+=("$KUBE_ROUTER_IMAGE")

rootfs_image "$NODE_ROOTFS" "$NODE_PACKAGES"

# Lay out the node's own files: kind's base-image files from the kind module (the version
# whose CLI we use), our binaries and the CNI manifest.
root=$work/node/root
mkdir -p "$root/usr/bin" "$root/usr/local/bin" "$root/kind/manifests" "$root/etc"
cp -r "$kind_dir/images/base/files/etc/." "$root/etc/"
cp -r "$kind_dir/images/base/files/kind/." "$root/kind/"
cp "$kind_dir"/images/base/files/usr/local/bin/* "$BIN/$CRICTL_VERSION/crictl" "$root/usr/local/bin/"
cp "$BIN/$KUBERNETES_VERSION"/{kubeadm,kubelet,kubectl} "$root/usr/bin/"
chmod -R u+w,go-w "$root" && chmod 0755 "$root"/usr/local/bin/* "$root"/usr/bin/* "$root"/kind/bin/*
echo "$KUBERNETES_VERSION" >"$root/kind/version"
sed "s|@KUBE_ROUTER_IMAGE@|$KUBE_ROUTER_IMAGE|" "$HACK_DIR/cni/kube-router.yaml" >"$root/kind/manifests/default-cni.yaml"
# kind falls back to this host-path StorageClass when the file is missing; kindcontainer
# always applies the file. Both turn on the controller-manager's host-path provisioner, so it
# needs no image (kind's own node image ships local-path-provisioner and its images instead).
cat >"$root/kind/manifests/default-storage.yaml" <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
EOF
# The sandbox image must be the pause we preload. restrict_oom_score_adj: these hosts lack
# CAP_SYS_RESOURCE, so runc cannot lower oom_score_adj and every pod sandbox fails without it.
config=$root/etc/containerd/config.toml
sed -i -e "s|^\(\s*sandbox_image\s*=\).*|\1 \"$pause_image\"|" \
  -e 's|^\(\s*restrict_oom_score_adj\s*=\).*|\1 true|' "$config"
{ grep -q "sandbox_image = \"$pause_image\"" "$config" && grep -q 'restrict_oom_score_adj = true' "$config"; } \
  || die "kind $KIND_VERSION's containerd config changed; update the sed in $0"

log "dressing $NODE_ROOTFS with kind's files and the Kubernetes binaries"
# Mirrors kind's base image: Debian's containerd where kind's units look for it, CNI plugins
# in /opt/cni/bin, the OCI spec with kind's product-files hook, and only kind's services on.
docker build -q -t "$NODE_IMAGE-unloaded" -f - "$work/node" >/dev/null <<EOF
FROM $NODE_ROOTFS
COPY root/ /
RUN ln -sf /usr/bin/containerd /usr/local/bin/containerd \\
 && mkdir -p /opt/cni/bin /etc/kubernetes/manifests && ln -sf /usr/lib/cni/* /opt/cni/bin/ \\
 && ctr oci spec \\
    | jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \\
    | jq 'del(.process.rlimits)' >/etc/containerd/cri-base.json \\
 && rm -f /lib/systemd/system/sysinit.target.wants/systemd-tmpfiles-setup.service \\
    /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \\
    /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \\
    /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/* \\
 && echo ReadKMsg=no >>/etc/systemd/journald.conf \\
 && systemctl enable kubelet.service containerd.service undo-mount-hacks.service \\
 && systemctl mask systemd-binfmt.service
ENV container=docker PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
STOPSIGNAL SIGRTMIN+3
EOF

# Preload: import every image into the node's containerd (namespace k8s.io, the CRI's),
# then commit. containerd runs as the build container's main process so that stopping
# the container shuts it down cleanly. Unpacking happens on first use, on the node's /var.
log "preloading ${#images[@]} images into the node's containerd"
builder=podlab-node-build-$$
trap 'docker rm -f "$builder" >/dev/null 2>&1; rm -rf "$work"' EXIT
docker run -d --name "$builder" --entrypoint containerd --stop-signal TERM \
  --security-opt seccomp=unconfined "$NODE_IMAGE-unloaded" >/dev/null
docker exec "$builder" sh -c 'for i in $(seq 30); do ctr version >/dev/null 2>&1 && exit 0; sleep 1; done; exit 1' \
  || die "containerd did not start in the build container: $(docker logs --tail 20 "$builder" 2>&1)"
for ref in "${images[@]}"; do
  docker save "$ref" | docker exec -i "$builder" ctr -n k8s.io images import --no-unpack - >/dev/null
  log "preloaded $ref"
done
docker stop "$builder" >/dev/null
docker commit --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' --change 'CMD []' \
  --change 'STOPSIGNAL SIGRTMIN+3' "$builder" "$NODE_IMAGE" >/dev/null
docker rm "$builder" >/dev/null && docker rmi "$NODE_IMAGE-unloaded" >/dev/null
log "$NODE_IMAGE: $(docker image inspect -f '{{.Size}}' "$NODE_IMAGE" | numfmt --to=iec)"
