#!/usr/bin/env bash
# cluster.sh up|down: the podlab kind cluster (k8s/kind/cluster.yaml) and the local registry its
# nodes pull from. `up` runs each long step as a phase with its own progress and its own time
# limit (a limit measures only the step it names) and is resumable: run it again after an
# interruption and what is done is skipped. Limits: env TOOLS_LIMIT, IMAGE_LIMIT, CREATE_LIMIT,
# READY_LIMIT, ADDONS_LIMIT (seconds).
# WORKSHOP_ADDRESS: the address the API server listens on and its certificate names (default
# 127.0.0.1; a LAN address serves a workshop's attendees). Only a new cluster takes it.
# Node image: $NODE_IMAGE if you set it; else kind's public $PUBLIC_NODE_IMAGE if it is here
# or can be pulled; else podlab's own, built from Go modules and Debian packages (offline).
set -euo pipefail
user_node_image=${NODE_IMAGE:-}
source "$(dirname "$0")/lib.sh"

CONFIG=$REPO_ROOT/k8s/kind/cluster.yaml
ADDRESS=${WORKSHOP_ADDRESS:-127.0.0.1}

# The config with ADDRESS as apiServerAddress and certSAN.
render() {
  [[ $ADDRESS =~ ^[0-9a-zA-Z.:-]+$ ]] || die "WORKSHOP_ADDRESS=$ADDRESS is not an IP address or host name"
  sed -e "s/^\(  apiServerAddress:\) 127\.0\.0\.1\$/\1 $ADDRESS/" \
    -e "s/^\(    certSANs: \[localhost,\) 127\.0\.0\.1\]\$/\1 $ADDRESS]/" "$CONFIG"
}

node_image() {
  if [[ -n $user_node_image ]]; then
    echo "$user_node_image"
  elif present "$PUBLIC_NODE_IMAGE"; then
    echo "$PUBLIC_NODE_IMAGE"
  else
    echo "$NODE_IMAGE"
  fi
}

up() {
  phase "kind and kubectl" "${TOOLS_LIMIT:-3600}" "$HACK_DIR/tools.sh"
  local image
  image=$(node_image)
  if image_exists "$image"; then
    log "node image $image present"
  elif [[ $image == "$NODE_IMAGE" ]]; then
    log "no public node image reachable: building $NODE_IMAGE from source (15-30 min the first time)"
    phase "node image build" "${IMAGE_LIMIT:-5400}" "$HACK_DIR/node-image.sh"
  else
    phase "node image pull" "${IMAGE_LIMIT:-5400}" docker pull "$image"
  fi
  phase "local registry" 300 "$HACK_DIR/registry.sh" up
  phase "cluster create" "${CREATE_LIMIT:-600}" "$0" create "$image"
  phase "registry in the nodes" 120 "$HACK_DIR/registry.sh" connect
  phase "cluster ready" "${READY_LIMIT:-600}" "$0" wait-ready
  phase "add-ons: metrics-server, MetalLB" "${ADDONS_LIMIT:-900}" "$HACK_DIR/addons.sh"
  log "cluster $CLUSTER_NAME ready (kubectl context $CONTEXT; kubectl and kind are in $TOOLS_BIN)"
}

# An existing cluster is kept when its nodes are all there and its API answers; one left
# half-made by an interrupted create is made again.
create() {
  local image=$1 want running listening
  want=$(grep -c '^- role:' "$CONFIG")
  if cluster_exists; then
    for node in $(kind get nodes --name "$CLUSTER_NAME"); do
      # Nodes stopped by a node-failure demo or a docker restart come back.
      [[ $(docker inspect -f '{{.State.Running}}' "$node") == true ]] || { log "starting $node"; docker start "$node" >/dev/null; }
    done
    kind export kubeconfig --name "$CLUSTER_NAME" >/dev/null 2>&1 || true
    running=$(docker inspect -f '{{.Config.Image}}' "$CLUSTER_NAME-control-plane" 2>/dev/null || true)
    if [[ $(kind get nodes --name "$CLUSTER_NAME" | wc -l) == "$want" ]] && api_answers 120; then
      log "cluster $CLUSTER_NAME exists"
      [[ $running == "$image" ]] || log "note: it runs $running, podlab now pins $image: \`make cluster-delete cluster\` to move"
      listening=$(docker port "$CLUSTER_NAME-control-plane" 6443/tcp | awk 'NR == 1')
      [[ ${listening%:*} == "$ADDRESS" ]] || log "note: its API server listens on $listening, not WORKSHOP_ADDRESS=$ADDRESS: \`make cluster-delete cluster\` to move"
      return
    fi
    log "cluster $CLUSTER_NAME is incomplete (an interrupted create?): making it again"
    kind delete cluster --name "$CLUSTER_NAME"
  fi
  log "creating cluster $CLUSTER_NAME from $image, API server on $ADDRESS"
  local config
  config=$(mktemp)
  render >"$config"
  kind create cluster --name "$CLUSTER_NAME" --image "$image" --config "$config"
  rm -f "$config"
}

api_answers() { # SECONDS
  local i
  for ((i = 0; i < $1; i += 2)); do
    k get --raw /readyz >/dev/null 2>&1 && return 0
    sleep 2
  done
  return 1
}

# Every node Ready and every kube-system pod Running and ready; prints progress as it changes.
wait_ready() {
  trap 'k get nodes,pods -A -o wide >&2 || true; exit 124' TERM
  local want last="" now n p
  want=$(kind get nodes --name "$CLUSTER_NAME" | wc -l)
  while :; do
    n=$(k get nodes --no-headers 2>/dev/null | awk '$2=="Ready"{r++} END{print r+0}')
    p=$(k -n kube-system get pods --no-headers 2>/dev/null |
      awk '{split($2,c,"/")} $3=="Running" && c[1]==c[2]{r++} END{print r+0, NR}')
    now="nodes Ready: $n/$want, kube-system pods ready: ${p% *}/${p#* }"
    [[ $now == "$last" ]] || log "$now"
    last=$now
    [[ $n == "$want" && ${p% *} == "${p#* }" && ${p#* } -gt 0 ]] && return 0
    sleep 2
  done
}

down() {
  if cluster_exists; then
    kind delete cluster --name "$CLUSTER_NAME"
  else
    log "no cluster $CLUSTER_NAME"
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  create) create "$2" ;;
  wait-ready) wait_ready ;;
  render) render ;;
  *) die "usage: $0 up|down|render" ;;
esac
