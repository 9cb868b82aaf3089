#!/usr/bin/env bash
# Lab 2 reference solution: the two-container pod, then a debug container that calls the app on localhost.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

debugged() { [[ $(jp pod/app-with-sidecar '{.status.ephemeralContainerStatuses[0].state.terminated.reason}') == Completed ]]; }
shipped() { kn logs app-with-sidecar -c sidecar-logger | contains 'path=/api/info\?from=debugger'; }

ensure_ns
kn apply -f "$LAB_DIR/pod.yaml"
kn wait --for=condition=Ready pod/app-with-sidecar --timeout=120s
kn get pod app-with-sidecar -o wide
kn exec app-with-sidecar -c sidecar-logger -- sh -c 'echo /var/log/app/*'
# Ephemeral containers cannot be removed or replaced: add it once. No readiness probe in
# pod.yaml, so curl retries until the app listens.
if [[ -z $(jp pod/app-with-sidecar '{.spec.ephemeralContainers[*].name}') ]]; then
  kn debug app-with-sidecar --image="$TOOLBOX" --container=debugger --profile=general \
    -- curl -s --retry 10 --retry-connrefused --retry-delay 1 "http://localhost:8080/api/info?from=debugger"
fi
wait_until 60 "the debug container's curl completed" debugged
kn logs app-with-sidecar -c debugger
echo
wait_until 20 "the sidecar ships the request line" shipped
