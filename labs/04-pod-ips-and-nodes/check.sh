#!/usr/bin/env bash
# Lab 4 check: nodes Ready; pod ephemeral was recreated with a new IP and is reachable across nodes.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

nodes_ready() {
  local not_ready
  not_ready=$(k get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -v '=True$' || true)
  [[ -z $not_ready ]] || { echo "not Ready: $not_ready"; return 1; }
}
on_worker2() {
  expect phase "$(jp pod/ephemeral '{.status.phase}')" Running
  expect node "$(jp pod/ephemeral '{.spec.nodeName}')" "$WORKER2"
}
new_ip() {
  local old now
  old=$(jp pod/ephemeral '{.metadata.annotations.lab4\.podlab\.dev/previous-ip}')
  now=$(jp pod/ephemeral '{.status.podIP}')
  [[ -n $old && -n $now ]] || { echo "previous-ip='$old' podIP='$now'"; return 1; }
  [[ $old != "$now" ]] || { echo "the pod still has $now: was it really deleted and recreated?"; return 1; }
}
across_nodes() {
  expect "toolbox node" "$(jp pod/toolbox '{.spec.nodeName}')" "$WORKER"
  tb curl -sf --max-time 5 "http://$(jp pod/ephemeral '{.status.podIP}'):8080/api/info" | contains '"pod":"ephemeral"'
}

echo "lab 4: pod IPs and nodes"
step "all nodes are Ready" "kubectl get nodes; kubectl describe node <name> (Conditions)" nodes_ready
step "pod ephemeral runs on $WORKER2" \
  "kubectl -n lab4 run ephemeral --image=$APP --overrides='$(on_node "$WORKER2")'" on_worker2
step "ephemeral was recreated and got a new IP (annotation lab4.podlab.dev/previous-ip)" \
  "delete and re-run it, then: kubectl -n lab4 annotate pod ephemeral lab4.podlab.dev/previous-ip=\$OLD_IP" new_ip
step "a toolbox on $WORKER reaches ephemeral by pod IP" \
  "kubectl -n lab4 run toolbox --image=$TOOLBOX --overrides='$(on_node "$WORKER")' --command -- sleep infinity" across_nodes
finish
