#!/usr/bin/env bash
# Lab 5 reference solution: a Deployment behind every Service type, and a canary label.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ensure_ns
kn get deploy web >/dev/null 2>&1 || kn create deployment web --image="$APP" --replicas=3 --port=8080
kn get svc web >/dev/null 2>&1 || kn expose deployment web --port=80 --target-port=8080
kn apply -f "$LAB_DIR/services.yaml"
kn rollout status deployment/web --timeout=120s
if [[ -z $(kn get pods -l app=web,track=canary -o name) ]]; then
  kn label pod "$(kn get pods -l app=web -o jsonpath='{.items[0].metadata.name}')" track=canary
fi
toolbox
kn get svc,endpointslices
# No readiness probe (plain `create deployment`): wait until every pod really answers.
all_answer() {
  local ip
  for ip in $(kn get pods -l app=web -o jsonpath='{.items[*].status.podIP}'); do
    tb curl -sf --max-time 2 "http://$ip:8080/api/info" >/dev/null || return 1
  done
}
wait_until 60 "all web pods answer" all_answer
wait_until 30 "NodePort 30081 answers" curl -sf --max-time 2 http://127.0.0.1:30081/api/info
lb_answers() { local ip; ip=$(jp svc/web-lb "{.status.loadBalancer.ingress[0].ip}"); [[ -n $ip ]] && tb curl -sf --max-time 2 "http://$ip/api/info"; }
wait_until 60 "web-lb has an external IP that answers" lb_answers
