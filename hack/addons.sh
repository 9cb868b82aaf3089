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

# wait_for_rules NS/SERVICE: until kube-proxy on the control plane (where the API server runs)
# sends the Service to a ready endpoint. A connection the API server opens to a Service IP before
# that leaves the cluster and is answered elsewhere (404 here), and kept alive it stays wrong: so
# the API server may call an add-on's Service (APIService, webhook) only after this.
wait_for_rules() {
  local i
  for ((i = 0; i < 60; i++)); do
    docker exec "$CLUSTER_NAME-control-plane" iptables-save -t nat | grep -E "\"$1(:[a-z0-9-]+)?\"" | grep -c DNAT >/dev/null && return 0
    sleep 1
  done
  log "warning: no kube-proxy rule for $1 after 60 s; going on"
}

# forget_connections NS/SERVICE: drops the control plane's tracked connections to the Service IP,
# so the API server's next call opens a new one that kube-proxy's rules now route.
forget_connections() {
  local ip
  ip=$(k -n "${1%/*}" get svc "${1#*/}" -o jsonpath='{.spec.clusterIP}')
  docker exec "$CLUSTER_NAME-control-plane" conntrack -D -d "$ip" >/dev/null 2>&1 || true
}

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
  # The APIService comes after the Service works (see wait_for_rules). It runs on the control
  # plane, which node-failure demos never stop: moved off a stopped worker, its Service would
  # change under the API server's kept-alive connection, which then stays wrong (see above).
  cat >"$dir/kustomization.yaml" <<'EOK'
resources: [upstream/overlays/release]
patches:
  - target: {kind: Deployment, name: metrics-server}
    patch: |
      - {op: add, path: /spec/template/spec/containers/0/args/-, value: --kubelet-insecure-tls}
      - {op: add, path: /spec/template/spec/containers/0/args/-, value: --kubelet-preferred-address-types=InternalIP}
      - {op: add, path: /spec/template/spec/nodeSelector/node-role.kubernetes.io~1control-plane, value: ""}
      - {op: add, path: /spec/template/spec/tolerations, value: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]}
  - patch: '{"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": {"name": "v1beta1.metrics.k8s.io"}, "$patch": "delete"}'
EOK
  k apply -k "$dir" >/dev/null
  k -n kube-system rollout status deployment/metrics-server --timeout=180s >/dev/null
  wait_for_rules kube-system/metrics-server
  k apply -f "$dir/upstream/base/apiservice.yaml" >/dev/null
  if ! k wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout=60s >/dev/null 2>&1; then
    forget_connections kube-system/metrics-server
    k wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout=120s >/dev/null
  fi
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
  wait_for_rules metallb-system/metallb-webhook-service
  forget_connections metallb-system/metallb-webhook-service
  # L2 mode with addresses from the top of the kind Docker network, which the nodes are on.
  pool=$(docker network inspect kind -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' | tr ' ' '\n' | grep '\.' |
    python3 -c 'import ipaddress,sys; n=ipaddress.ip_network(sys.stdin.read().split()[0]); print(f"{n[-52]}-{n[-2]}")')
  # The controller's webhook answers a little after it reports Ready.
  until k apply -f - >/dev/null 2>&1 <<EOP; do forget_connections metallb-system/metallb-webhook-service; sleep 2; done
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
