#!/usr/bin/env bash
# Lab 7 reference solution: requests, affinity, anti-affinity, then taint a node and tolerate it.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

scheduling_says() { jp "pod/$1" '{.status.conditions[?(@.type=="PodScheduled")].message}' | contains "$2"; }
spread_placed() {
  [[ $(kn get deploy spread -o jsonpath='{.status.readyReplicas}') == 2 ]] &&
    [[ -n $(kn get pods -l app=spread --field-selector=status.phase=Pending -o name) ]]
}

ensure_ns
kn apply -f "$LAB_DIR/requests.yaml"
k label node "$WORKER2" podlab.dev/disk=ssd --overwrite
kn apply -f "$LAB_DIR/affinity.yaml"
kn wait --for=condition=Ready pod/sized pod/fast --timeout=60s
wait_until 60 "greedy is refused for lack of CPU" scheduling_says greedy 'Insufficient cpu'
# Taint only once spread has its two pods: NoSchedule would keep the second off the node.
wait_until 60 "spread has 2 ready pods and 1 Pending" spread_placed
k taint node "$WORKER2" podlab.dev/lab7=reserved:NoSchedule --overwrite
kn apply -f "$LAB_DIR/taints.yaml"
kn wait --for=condition=Ready pod/tolerant --timeout=60s
wait_until 60 "intolerant is refused for the taint" scheduling_says intolerant 'untolerated taint'
kn get pods -o wide
