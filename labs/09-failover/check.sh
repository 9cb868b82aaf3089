#!/usr/bin/env bash
# Lab 9 check: the rollout and the drain happened under load with zero failed requests,
# and the node is schedulable again; then the node went NotReady two ways and came back.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

# The image answers with the project's version (APP_VERSION, from pom.xml); README step 4 rolls
# the Deployment on to the next one with PODLAB_VERSION.
NEXT_VERSION=2.0.0
LOG=
load_log() { [[ -n $LOG ]] || LOG=$(tb cat /tmp/load.log); printf '%s\n' "$LOG"; }

rolled_out() {
  expect "PODLAB_VERSION" "$(jp deploy/app '{.spec.template.spec.containers[0].env[?(@.name=="PODLAB_VERSION")].value}')" "$NEXT_VERSION"
  expect "updated/ready replicas" "$(jp deploy/app '{.status.updatedReplicas}/{.status.readyReplicas}')" 3/3
}
pdb() { expect "PDB maxUnavailable" "$(jp pdb/app '{.spec.maxUnavailable}')" 1; }
enough_requests() {
  local n
  n=$(load_log | grep -c . || true)
  ((n >= 100)) || { echo "only $n requests in /tmp/load.log"; return 1; }
}
zero_failures() {
  local bad
  bad=$(load_log | awk '$1 != "200"' | sort | uniq -c | awk 'NR <= 5')
  [[ -z $bad ]] || { echo "failed requests (count, line):"; echo "$bad"; return 1; }
}
# spread: answers came from pods on both workers (before the drain moved them all to one).
spread() {
  expect "nodes that answered" "$(load_log | awk '$1 == "200" {print $4}' | sort -u | xargs)" "$WORKER $WORKER2"
}
# both_versions: the old version answered first, the new one later. (Not "last": an attendee
# stops the load right after the rollout, while an old pod still drains its last requests.)
both_versions() {
  expect "first version answering, and the new one later" \
    "$(load_log | awk 'NR == 1 {first = $2} $2 == v {seen = v} END {print first, seen}' v="$NEXT_VERSION")" "$APP_VERSION $NEXT_VERSION"
}
# node_event REASON: when $WORKER's kubelet last reported event REASON during this lab (empty if never).
node_event() {
  local start
  start=$(since_lab_start)
  [[ -n $start ]] || return 0 # no lab namespace: nothing happened during this lab
  k get events -n default --field-selector "involvedObject.name=$WORKER,reason=$1,source=kubelet" \
    -o jsonpath='{range .items[*]}{.lastTimestamp}{"\n"}{end}' | awk -v s="$start" '$1 >= s' | sort | tail -n 1
}
drained() {
  local left pods
  pods=$(pod_states app=app | wc -l)
  ((pods == 3)) || { echo "$pods app pods, want 3"; return 1; }
  left=$(pod_states app=app | awk -v n="$WORKER" '$5 == n {print $1}')
  [[ -z $left ]] || { echo "app pods still on $WORKER: $left"; return 1; }
  enough_requests
  if load_log | tail -n 20 | awk '{print $4}' | contains "^$WORKER\$"; then
    echo "$WORKER still answered at the end of the load"; return 1
  fi
  [[ -n $(node_event NodeNotSchedulable) ]] || { echo "$WORKER was not cordoned during this lab"; return 1; }
}
uncordoned() {
  local cordoned back
  cordoned=$(node_event NodeNotSchedulable) back=$(node_event NodeSchedulable)
  [[ -n $cordoned ]] || { echo "$WORKER was not cordoned (drained) during this lab"; return 1; }
  [[ -n $back && ! $back < $cordoned ]] || { echo "no uncordon after the drain"; return 1; }
  expect "$WORKER spec.unschedulable" "$(k get node "$WORKER" -o jsonpath='{.spec.unschedulable}')" ""
}
# Step 7: containerd stopped (the kubelet reported Ready=False), then the kubelet stopped
# (Ready=Unknown, which no event records: the steps' ready() kept what it printed), both back.
not_ready_two_ways() {
  local down restarted back seen
  down=$(node_event NodeNotReady) restarted=$(node_event Starting) back=$(node_event NodeReady)
  [[ -n $down ]] || { echo "$WORKER's kubelet reported no NodeNotReady during this lab"; return 1; }
  [[ -n $restarted && ! $restarted < $down ]] || { echo "$WORKER's kubelet was not restarted after it reported NodeNotReady"; return 1; }
  [[ -n $back && ! $back < $restarted ]] || { echo "$WORKER did not report NodeReady after the restart"; return 1; }
  seen=$(tb cat /tmp/ready.log)
  contains '^Ready=False KubeletNotReady: .*container runtime is down' <<<"$seen" ||
    { echo "/tmp/ready.log has no Ready=False (container runtime is down): $seen"; return 1; }
  contains '^Ready=Unknown NodeStatusUnknown: ' <<<"$seen" || { echo "/tmp/ready.log has no Ready=Unknown: $seen"; return 1; }
  expect "$WORKER Ready" "$(k get node "$WORKER" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" True
}

echo "lab 9: failover"
pod_security
step "deployment app rolled out PODLAB_VERSION=$NEXT_VERSION on 3 ready pods" \
  "kubectl set env deployment/app PODLAB_VERSION=$NEXT_VERSION" rolled_out
step "PodDisruptionBudget app allows 1 unavailable pod" "kubectl apply -f labs/09-failover/pdb.yaml" pdb
step "the toolbox's /tmp/load.log holds at least 100 requests" \
  "start the load as in README step 2 (toolbox on $WORKER2), before deleting, updating and draining" enough_requests
step "not one request failed" "a 000 is no answer at all: probes, preStop and maxUnavailable in app.yaml?" zero_failures
step "$APP_VERSION and then $NEXT_VERSION answered during the load (rolling update)" \
  "start the load before kubectl set env ... PODLAB_VERSION=$NEXT_VERSION" both_versions
step "app pods on both workers answered (spread)" "topologySpreadConstraints in app.yaml; kubectl get pods -o wide" spread
demo_step "$WORKER was drained under load: no app pod left on it" \
  "kubectl drain $WORKER --ignore-daemonsets --delete-emptydir-data (while the load runs)" drained
demo_step "$WORKER is schedulable again" "kubectl uncordon $WORKER" uncordoned
demo_step "$WORKER went Ready=False (containerd stopped), then Ready=Unknown (kubelet stopped), then Ready again" \
  "README step 7: stop containerd, then the kubelet, in $WORKER (docker exec), print the condition with ready() each time, start both" \
  not_ready_two_ways
finish
