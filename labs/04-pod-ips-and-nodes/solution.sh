#!/usr/bin/env bash
# Lab 4 reference solution: recreate a pod, record its old IP, reach it from the other worker.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

run_ephemeral() {
  kn run ephemeral --image="$APP" --overrides="$(on_node "$WORKER2")" >/dev/null
  kn wait --for=condition=Ready pod/ephemeral --timeout=120s >/dev/null
}

ensure_ns
k get nodes -o wide
# Done already when the recreated pod carries its predecessor's IP.
if [[ -z $(jp pod/ephemeral '{.metadata.annotations.lab4\.podlab\.dev/previous-ip}') ]]; then
  kn get pod ephemeral >/dev/null 2>&1 || run_ephemeral
  kn wait --for=condition=Ready pod/ephemeral --timeout=120s >/dev/null
  old_ip=$(jp pod/ephemeral '{.status.podIP}')
  kn delete pod ephemeral --now
  run_ephemeral
  kn annotate pod ephemeral --overwrite lab4.podlab.dev/previous-ip="$old_ip"
fi
kn get pod ephemeral -o wide
k top node
wait_until 90 "metrics-server reports pod ephemeral" kn top pod ephemeral
kn top pod ephemeral
toolbox "$WORKER"
ip=$(jp pod/ephemeral '{.status.podIP}')
wait_until 60 "ephemeral answers on $ip:8080" tb curl -sf --max-time 2 "http://$ip:8080/api/info"
