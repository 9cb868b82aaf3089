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
  local old now cidr
  old=$(jp pod/ephemeral '{.metadata.annotations.lab4\.podlab\.dev/previous-ip}')
  now=$(jp pod/ephemeral '{.status.podIP}')
  [[ -n $old && -n $now ]] || { echo "previous-ip='$old' podIP='$now'"; return 1; }
  [[ $old != "$now" ]] || { echo "the pod still has $now: was it really deleted and recreated?"; return 1; }
  # The old pod ran on the same node, so its IP came from that node's pod range too.
  cidr=$(k get node "$WORKER2" -o jsonpath='{.spec.podCIDR}')
  python3 -c 'import ipaddress,sys; sys.exit(ipaddress.ip_address(sys.argv[1]) not in ipaddress.ip_network(sys.argv[2]))' "$old" "$cidr" 2>/dev/null ||
    { echo "previous-ip '$old' is not an address of $WORKER2's pod range $cidr"; return 1; }
}
# metrics-server needs 15-30 s to scrape a recreated pod (keyed by name, so in between it may
# answer "not found"): wait up to 45 s, but only when there is a pod to wait for.
top_pod() {
  local i
  kn get pod ephemeral >/dev/null
  for i in 1 2 3 4 5 6 7 8 9; do
    kn top pod ephemeral --no-headers 2>/dev/null | contains '^ephemeral +[0-9]+m +[0-9]+Mi' && return 0
    ((i == 9)) || sleep 5
  done
  kn top pod ephemeral --no-headers
  return 1
}
across_nodes() {
  expect "toolbox node" "$(jp pod/toolbox '{.spec.nodeName}')" "$WORKER"
  tb curl -sf --max-time 5 "http://$(jp pod/ephemeral '{.status.podIP}'):8080/api/info" | contains '"pod":"ephemeral"'
}

echo "lab 4: pod IPs and nodes"
pod_security
precondition "all nodes are Ready" "kubectl get nodes; kubectl describe node <name> (Conditions)" nodes_ready
step "pod ephemeral runs on $WORKER2" \
  "kubectl run ephemeral --image=$APP --overrides='$(on_node "$WORKER2")'" on_worker2
step "ephemeral was recreated and got a new IP (annotation lab4.podlab.dev/previous-ip)" \
  "delete and re-run it, then: kubectl annotate pod ephemeral lab4.podlab.dev/previous-ip=\$OLD_IP" new_ip
step "kubectl top pod ephemeral shows its CPU and memory (metrics-server)" \
  "kubectl top pod ephemeral; a new pod needs 15-30 s before metrics-server has scraped it" top_pod
step "a toolbox on $WORKER reaches ephemeral by pod IP" \
  "kubectl run toolbox --image=$TOOLBOX --overrides='$(on_node "$WORKER")' --command -- sleep infinity" across_nodes
finish
