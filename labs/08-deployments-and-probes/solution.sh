#!/usr/bin/env bash
# Lab 8 reference solution: deploy, scale, fail readiness on one pod and liveness on another.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

chaos() { tb curl -sf -X POST -H 'Content-Type: application/json' "http://$1:8080/admin/$2"; echo; }
state_of() { pod_states app=app | awk -v p="$1" '$1 == p {print $3, $4}'; }
is_state() { [[ $(state_of "$1") == "$2" ]]; }
restarted_and_ready() { read -r ready restarts <<<"$(state_of "$1")" && [[ $ready == True ]] && ((restarts >= 1)); }
# Four pods past their startup probe (a pod failed on purpose stays unready, so not "all Ready").
all_started() { [[ $(kn get pods -l app=app -o jsonpath='{.items[*].status.containerStatuses[0].started}') == "true true true true" ]]; }
# A pod whose readiness switch is on, as the app itself reports it.
readiness_failed() {
  local ip
  for ip in $(pod_states app=app | awk '{print $2}'); do
    tb curl -sf --max-time 3 "http://$ip:8080/admin/state" | contains '"readinessFailed":true' && return 0
  done
  return 1
}

ensure_ns
# Apply only once: re-applying would scale back to the file's 3 replicas.
kn get deploy app >/dev/null 2>&1 || kn apply -f "$LAB_DIR/app.yaml"
kn scale deployment app --replicas=4
toolbox
wait_until 180 "4 app pods have started" all_started

if ! readiness_failed; then
  kn rollout status deployment/app --timeout=120s
  read -r pod ip _ <<<"$(pod_states app=app | awk '$3 == "True" && $4 == 0' | head -n 1)"
  chaos "$ip" readiness/fail
  wait_until 30 "$pod is not Ready" is_state "$pod" "False 0"
fi
# Liveness: skip when a pod was restarted already.
if [[ -z $(pod_states app=app | awk '$4 >= 1') ]]; then
  read -r pod ip _ <<<"$(pod_states app=app | awk '$3 == "True" && $4 == 0' | head -n 1)"
  chaos "$ip" liveness/fail
  wait_until 90 "$pod restarted and Ready again" restarted_and_ready "$pod"
fi
kn get pods -o wide
