#!/usr/bin/env bash
# Lab 2 check: app + sidecar in one pod share a volume and localhost; the sidecar ships the app's log.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
POD=pod/app-with-sidecar

two_containers() { expect images "$(jp $POD '{.spec.containers[*].image}')" "$APP $SIDECAR"; }
both_ready() { expect ready "$(jp $POD '{.status.containerStatuses[*].ready}')" "true true"; }
# Real sharing, not just YAML: the sidecar sees the non-empty file the app writes (shell built-ins
# only: the images are slim).
volume_shared() { kn exec app-with-sidecar -c sidecar-logger -- sh -c 'test -s /var/log/app/app.log'; }
# The debug container's output is the app's answer, fetched over localhost. Other ephemeral
# containers (more `kubectl debug` runs) may be there too: they can never be removed.
localhost_shared() {
  local names
  names=$(jp $POD '{.spec.ephemeralContainers[*].name}')
  [[ " $names " == *" debugger "* ]] || { echo "no ephemeral container named debugger (got: '$names')"; return 1; }
  kn logs app-with-sidecar -c debugger | contains '"pod":"app-with-sidecar"'
}
sidecar_ships() { kn logs app-with-sidecar -c sidecar-logger | contains 'path=/api/info\?from=debugger'; }

echo "lab 2: multi-container pods"
pod_security
step "pod app-with-sidecar runs the app and the sidecar" \
  "kubectl apply -f labs/02-multi-container/pod.yaml" two_containers
step "both containers are ready (2/2)" "kubectl describe pod app-with-sidecar" both_ready
step "the sidecar sees the app's /var/log/app/app.log (shared volume)" \
  "both containers must mount the same emptyDir at /var/log/app" volume_shared
step "debug container 'debugger' reached the app on localhost:8080 (shared network)" \
  "README step 3; if 'debugger' exists but got no answer, start over (ephemeral containers cannot be replaced): kubectl delete pod app-with-sidecar --now; kubectl apply -f labs/02-multi-container/pod.yaml; kubectl wait --for=condition=Ready pod/app-with-sidecar; then README steps 3 and 4" \
  localhost_shared
step "that request's log line came out of the sidecar's stdout" \
  "kubectl logs app-with-sidecar -c sidecar-logger; is LOG_DIR=/var/log/app set?" sidecar_ships
finish
