#!/usr/bin/env bash
# cluster.sh up|down: creates or deletes the podlab kind cluster (k8s/kind/cluster.yaml).
# `up` is idempotent: it builds only what is missing and waits until every node is Ready
# and every kube-system pod is Running and ready.
# Node image: $NODE_IMAGE if you set it; else the public $PUBLIC_NODE_IMAGE if it is here
# or can be pulled; else podlab's own, built from Go modules and Debian packages (offline).
set -euo pipefail
user_node_image=${NODE_IMAGE:-}
source "$(dirname "$0")/lib.sh"

export PATH=$PODLAB_CACHE/bin/current:$PATH
CONTEXT=kind-$CLUSTER_NAME
TIMEOUT=${TIMEOUT:-600}

node_image() {
  if [[ -n $user_node_image ]]; then
    echo "$user_node_image"
  elif image_exists "$PUBLIC_NODE_IMAGE" || docker pull -q "$PUBLIC_NODE_IMAGE" >/dev/null 2>&1; then
    echo "$PUBLIC_NODE_IMAGE"
  else
    echo "$NODE_IMAGE"
  fi
}

# nodes_ready, pods_ready: print "<ready> <total>".
nodes_ready() { kubectl --context "$CONTEXT" get nodes --no-headers 2>/dev/null | awk '$2=="Ready"{r++} END{print r+0, NR}'; }
pods_ready() {
  kubectl --context "$CONTEXT" -n kube-system get pods --no-headers 2>/dev/null |
    awk '{split($2,c,"/")} $3=="Running" && c[1]==c[2]{r++} END{print r+0, NR}'
}

up() {
  local start=$SECONDS image
  "$HACK_DIR/build-k8s.sh" kind kubectl
  image=$(node_image)
  if ! image_exists "$image"; then
    if [[ $image == "$NODE_IMAGE" ]]; then
      log "no public node image reachable: building $NODE_IMAGE (about 15 min the first time)"
      "$HACK_DIR/node-image.sh"
    else
      docker pull "$image"
    fi
  fi
  if kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"; then
    log "cluster $CLUSTER_NAME exists"
    # Nodes stopped by a node-failure demo or a docker restart come back.
    for node in $(kind get nodes --name "$CLUSTER_NAME"); do
      [[ $(docker inspect -f '{{.State.Running}}' "$node") == true ]] || { log "starting $node"; docker start "$node" >/dev/null; }
    done
  else
    log "creating cluster $CLUSTER_NAME from $image"
    kind create cluster --name "$CLUSTER_NAME" --image "$image" --config "$REPO_ROOT/k8s/kind/cluster.yaml"
  fi

  local want last="" now n p
  want=$(kind get nodes --name "$CLUSTER_NAME" | wc -l)
  while :; do
    n=$(nodes_ready) p=$(pods_ready)
    now="nodes Ready: ${n% *}/$want, kube-system pods ready: ${p% *}/${p#* }"
    [[ $now == "$last" ]] || log "$now"
    last=$now
    [[ ${n% *} == "$want" && ${p% *} == "${p#* }" && ${p#* } -gt 0 ]] && break
    if ((SECONDS - start > TIMEOUT)); then
      kubectl --context "$CONTEXT" get nodes,pods -A -o wide >&2 || true
      die "cluster not ready after ${TIMEOUT}s"
    fi
    sleep 2
  done
  log "cluster $CLUSTER_NAME ready in $((SECONDS - start))s (kubectl context $CONTEXT; kubectl and kind are in $PODLAB_CACHE/bin/current)"
}

down() {
  if command -v kind >/dev/null && kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"; then
    kind delete cluster --name "$CLUSTER_NAME"
  else
    log "no cluster $CLUSTER_NAME"
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) die "usage: $0 up|down" ;;
esac
