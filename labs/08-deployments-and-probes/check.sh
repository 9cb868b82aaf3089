#!/usr/bin/env bash
# Lab 8 check: a scaled Deployment with probes; one pod out of the Service (readiness), one
# restarted by its liveness probe.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

deployment() {
  expect image "$(jp deploy/app '{.spec.template.spec.containers[0].image}')" "$APP"
  expect replicas "$(jp deploy/app '{.spec.replicas}')" 4
}
probes() {
  expect "probe paths" "$(jp deploy/app '{.spec.template.spec.containers[0].startupProbe.httpGet.path} {.spec.template.spec.containers[0].readinessProbe.httpGet.path} {.spec.template.spec.containers[0].livenessProbe.httpGet.path}')" \
    "/q/health/started /ready /health"
}
# unready: a Running pod that is not Ready, was never restarted (readiness, not liveness), and
# whose readiness the learner switched off (not merely a pod still warming up).
unready() {
  local pod ip
  while read -r pod ip; do
    tb curl -sS --max-time 3 "http://$ip:8080/admin/state" 2>/dev/null | contains '"readinessFailed":true' &&
      { echo "$pod $ip"; return; }
  done < <(pod_states app=app | awk '$3 == "False" && $4 == 0 {print $1, $2}')
}
out_of_service() {
  local pod ip ready
  read -r pod ip <<<"$(unready)"
  [[ -n ${pod:-} ]] || { echo "no pod is Running, not Ready, with 0 restarts and its readiness switched off"; return 1; }
  ready=$(kn get endpointslices -l kubernetes.io/service-name=app \
    -o jsonpath="{range .items[*].endpoints[?(@.addresses[0]==\"$ip\")]}{.conditions.ready}{end}")
  expect "endpoint $ip of $pod ready" "$ready" false
}
traffic_avoids_it() {
  local pod out
  read -r pod _ <<<"$(unready)"
  [[ -n ${pod:-} ]] || { echo "no unready pod"; return 1; }
  out=$(tb sh -c 'for i in $(seq 20); do curl -sf --max-time 3 http://app/api/info; echo; done')
  expect "answered requests of 20" "$(grep -c '"pod":"app-' <<<"$out" || true)" 20
  if contains "\"pod\":\"$pod\"" <<<"$out"; then echo "$pod still got traffic"; return 1; fi
}
liveness_restart() {
  local pod
  pod=$(pod_states app=app | awk '$3 == "True" && $4 >= 1 {print $1; exit}')
  [[ -n $pod ]] || { echo "no pod that was restarted and is Ready again"; return 1; }
  kn get events --field-selector "involvedObject.name=$pod,reason=Unhealthy" -o jsonpath='{.items[*].message}' |
    contains 'Liveness probe failed'
}

echo "lab 8: Deployments and probes"
pod_security
step "deployment app runs $APP, scaled to 4 replicas" \
  "kubectl apply -f labs/08-deployments-and-probes/app.yaml; kubectl scale deployment app --replicas=4" deployment
step "startup, readiness and liveness probes on /q/health/started, /ready and /health" "apply app.yaml unchanged" probes
step "one pod is Running, not Ready, never restarted, and its endpoint is not ready" \
  "README steps 3 and 4: chaos \"\$POD1\" readiness/fail" out_of_service
step "the Service sends no traffic to that pod, and all requests succeed" \
  "kubectl run toolbox --image=$TOOLBOX --command -- sleep infinity" traffic_avoids_it
step "one pod was restarted by its liveness probe and is Ready again" \
  "README step 5: chaos \"\$POD2\" liveness/fail, then wait ~20 s for the restart" liveness_restart
finish
