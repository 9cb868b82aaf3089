#!/usr/bin/env bash
# addons.sh: metrics-server (`kubectl top`) and MetalLB (EXTERNAL-IPs for LoadBalancer Services)
# on the kind cluster, each from the manifests in its own Go module. Online the nodes pull the
# public images those manifests name; offline the same names are built here from the Go modules
# (build-k8s.sh), FROM scratch, and side-loaded into the nodes. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BIN=$PODLAB_CACHE/bin
WORK=$REPO_ROOT/target/addons
mod_dir() { go mod download -json "$1" | sed -n 's/.*"Dir": "\(.*\)",/\1/p'; }

# on_nodes IMAGE BINARY: IMAGE is on every node, or the nodes can pull it themselves.
on_nodes() {
  local ref=$1 bin=$2
  if ! image_exists "$ref"; then
    docker pull -q "$ref" >/dev/null 2>&1 && return # online: the nodes pull it too
    "$HACK_DIR/build-k8s.sh" "$(basename "$bin")"
    scratch_image "$ref" "$bin" "${ref##*/}"
  fi
  kind load docker-image --name "$CLUSTER_NAME" "$ref" >/dev/null
}

metrics_server() {
  local dir=$WORK/metrics-server start=$SECONDS
  on_nodes "registry.k8s.io/metrics-server/metrics-server:$METRICS_SERVER_VERSION" "$BIN/$METRICS_SERVER_VERSION/metrics-server"
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$(mod_dir "sigs.k8s.io/metrics-server@$METRICS_SERVER_VERSION")/manifests" "$dir/upstream"
  chmod -R u+w "$dir"
  # As kind's docs set it up: kubelet serving certificates carry no IP SANs, so skip their
  # verification (without it every scrape fails), and reach kubelets by their node IPs.
  cat >"$dir/kustomization.yaml" <<'EOK'
resources: [upstream/overlays/release]
patches:
  - target: {kind: Deployment, name: metrics-server}
    patch: |
      - {op: add, path: /spec/template/spec/containers/0/args/-, value: --kubelet-insecure-tls}
      - {op: add, path: /spec/template/spec/containers/0/args/-, value: --kubelet-preferred-address-types=InternalIP}
EOK
  k apply -k "$dir" >/dev/null
  k wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout=180s >/dev/null
  until k top node >/dev/null 2>&1; do sleep 2; done
  log "metrics-server $METRICS_SERVER_VERSION: kubectl top answers ($((SECONDS - start))s)"
}

metallb() {
  local start=$SECONDS pool
  for part in controller speaker; do
    on_nodes "quay.io/metallb/$part:$METALLB_VERSION" "$BIN/$METALLB_VERSION/metallb-$part"
  done
  k apply -f "$(mod_dir "go.universe.tf/metallb@$METALLB_VERSION")/config/manifests/metallb-native.yaml" >/dev/null
  k -n metallb-system rollout status deployment/controller --timeout=180s >/dev/null
  k -n metallb-system rollout status daemonset/speaker --timeout=180s >/dev/null
  # L2 mode with addresses from the top of the kind Docker network, which the nodes are on.
  pool=$(docker network inspect kind -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' | tr ' ' '\n' | grep -m1 '\.' |
    python3 -c 'import ipaddress,sys; n=ipaddress.ip_network(sys.stdin.read().strip()); print(f"{n[-52]}-{n[-2]}")')
  # The controller's webhook answers a little after it reports Ready.
  until k apply -f - >/dev/null 2>&1 <<EOP; do sleep 2; done
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: kind, namespace: metallb-system}
spec:
  addresses: [$pool]
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata: {name: kind, namespace: metallb-system}
spec:
  ipAddressPools: [kind]
EOP
  log "MetalLB $METALLB_VERSION: LoadBalancer IPs from $pool ($((SECONDS - start))s)"
}

metrics_server
metallb
