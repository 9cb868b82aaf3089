#!/usr/bin/env bash
# Lab 1 check: pod hello runs the app, wrote /tmp/greeting, and answers the toolbox by pod IP.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

hello_runs_app() { expect image "$(jp pod/hello '{.spec.containers[0].image}')" "$APP"; }
# "The kubelet pulls the container image": the events of this pod hello say so (by uid: in a
# workshop namespace, events of an earlier pod hello outlive it).
hello_pulled() {
  local events uid
  uid=$(jp pod/hello '{.metadata.uid}')
  need "pod hello" "$uid"
  events=$(kn get events --field-selector "involvedObject.uid=$uid" --no-headers -o custom-columns=R:.reason,M:.message)
  contains '^Pulling ' <<<"$events" || { echo "no Pulling event for pod hello"; return 1; }
  contains '^Pulled +Successfully pulled image' <<<"$events" || { echo "no 'Successfully pulled' event for pod hello"; return 1; }
}
hello_ready() {
  expect phase "$(jp pod/hello '{.status.phase}')" Running
  expect ready "$(jp pod/hello '{.status.conditions[?(@.type=="Ready")].status}')" True
}
hello_logged_startup() { kn logs hello | contains 'Listening on'; }
greeting_written() { kn exec hello -- sh -c 'read -r line < /tmp/greeting; echo "$line"' | contains 'hello from hello'; }
toolbox_ready() { expect ready "$(jp pod/toolbox '{.status.conditions[?(@.type=="Ready")].status}')" True; }
reached_by_ip() {
  local ip
  ip=$(jp pod/hello '{.status.podIP}')
  [[ -n $ip ]] || { echo "pod hello has no IP"; return 1; }
  tb curl -sf --max-time 5 "http://$ip:8080/api/info" | contains '"pod":"hello"'
}

echo "lab 1: your first pod"
pod_security
step "pod hello runs $APP" "kubectl run hello --image=$APP --image-pull-policy=Always --port=8080" hello_runs_app
step "the kubelet pulled its image (events Pulling, Pulled)" \
  "kubectl describe pod hello; with IfNotPresent and a copy on the node nothing is pulled: delete the pod and run it again with --image-pull-policy=Always" hello_pulled
step "pod hello is Running and Ready" "kubectl wait --for=condition=Ready pod/hello; describe it if not" hello_ready
step "kubectl logs hello shows the app started" "kubectl logs hello" hello_logged_startup
step "/tmp/greeting was written inside the container (exec)" \
  "kubectl exec hello -- sh -c 'echo \"hello from \$HOSTNAME\" > /tmp/greeting'" greeting_written
step "pod toolbox is Ready" "kubectl run toolbox --image=$TOOLBOX --command -- sleep infinity" toolbox_ready
step "toolbox reaches hello by pod IP on port 8080" \
  "kubectl exec toolbox -- curl -sS http://<hello's IP from get pods -o wide>:8080/api/info" reached_by_ip
finish
