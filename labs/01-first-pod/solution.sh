#!/usr/bin/env bash
# Lab 1 reference solution: the README's steps, idempotent.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ensure_ns
kn get pod hello >/dev/null 2>&1 || kn run hello --image="$APP" --image-pull-policy=Always --port=8080
kn wait --for=condition=Ready pod/hello --timeout=120s
kn get pods -o wide
kn exec hello -- sh -c 'echo "hello from $HOSTNAME" > /tmp/greeting'
toolbox
# No readiness probe on a bare `kubectl run` pod: Ready means started, not yet listening.
ip=$(jp pod/hello '{.status.podIP}')
wait_until 60 "hello answers on $ip:8080" tb curl -sf --max-time 2 "http://$ip:8080/api/info"
tb curl -s "http://$ip:8080/api/info"
echo
