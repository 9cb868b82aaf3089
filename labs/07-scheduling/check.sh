#!/usr/bin/env bash
# Lab 7 check: each scheduling rule placed (or refused) its pods, for the right reason.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

node_of() { jp "pod/$1" '{.spec.nodeName}'; }
running_on() {
  expect "$1 phase" "$(jp "pod/$1" '{.status.phase}')" Running
  [[ -z ${2:-} ]] || expect "$1 node" "$(node_of "$1")" "$2"
}
# unschedulable POD REASON: Pending, and the scheduler's message names REASON.
unschedulable() {
  expect "$1 phase" "$(jp "pod/$1" '{.status.phase}')" Pending
  jp "pod/$1" '{.status.conditions[?(@.type=="PodScheduled")].message}' | contains "$2"
}
requests() {
  expect "sized cpu request" "$(jp pod/sized '{.spec.containers[0].resources.requests.cpu}')" 500m
  running_on sized
}
spread() {
  local running pending nodes
  running=$(kn get pods -l app=spread --field-selector=status.phase=Running -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}')
  nodes=$(sort -u <<<"$running" | grep -c . || true)
  expect "spread pods Running on distinct nodes" "$(grep -c . <<<"$running" || true)/$nodes" 2/2
  pending=$(kn get pods -l app=spread --field-selector=status.phase=Pending -o name)
  [[ -n $pending ]] || { echo "no Pending spread pod: is replicas 3?"; return 1; }
  jp "${pending%%$'\n'*}" '{.status.conditions[?(@.type=="PodScheduled")].message}' | contains 'anti-affinity'
}
labelled() { expect label "$(k get node "$WORKER2" -o jsonpath='{.metadata.labels.podlab\.dev/disk}')" ssd; }
tainted() {
  k get node "$WORKER2" -o jsonpath='{range .spec.taints[*]}{.key}={.value}:{.effect}{"\n"}{end}' |
    contains '^podlab.dev/lab7=reserved:NoSchedule$'
}

echo "lab 7: scheduling"
pod_security
step "pod sized (requests 500m CPU) runs" "kubectl apply -f labs/07-scheduling/requests.yaml" requests
demo_step "pod greedy is Pending: Insufficient cpu" "kubectl describe pod greedy" unschedulable greedy 'Insufficient cpu'
demo_step "$WORKER2 is labelled podlab.dev/disk=ssd" "kubectl label node $WORKER2 podlab.dev/disk=ssd" labelled
demo_step "pod fast (node affinity disk=ssd) runs on $WORKER2" \
  "kubectl apply -f labs/07-scheduling/affinity.yaml" running_on fast "$WORKER2"
step "deployment spread: 2 pods on distinct nodes, the 3rd Pending (anti-affinity)" \
  "kubectl apply -f labs/07-scheduling/affinity.yaml (before tainting the node)" spread
demo_step "$WORKER2 is tainted podlab.dev/lab7=reserved:NoSchedule" \
  "kubectl taint node $WORKER2 podlab.dev/lab7=reserved:NoSchedule" tainted
demo_step "pod tolerant runs on the tainted $WORKER2" \
  "kubectl apply -f labs/07-scheduling/taints.yaml" running_on tolerant "$WORKER2"
demo_step "pod intolerant is Pending: untolerated taint" \
  "kubectl apply -f labs/07-scheduling/taints.yaml" unschedulable intolerant 'untolerated taint'
finish
