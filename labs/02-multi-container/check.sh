#!/usr/bin/env bash
# Lab 2 check: app + sidecar in one pod share a volume and localhost; the sidecar ships the app's log.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
POD=pod/app-with-sidecar

two_containers() { expect images "$(jp $POD '{.spec.containers[*].image}')" "$APP $SIDECAR"; }
both_ready() { expect ready "$(jp $POD '{.status.containerStatuses[*].ready}')" "true true"; }
# Real sharing, not just YAML: the sidecar sees the non-empty file the app writes.
volume_shared() { kn exec app-with-sidecar -c sidecar-logger -- test -s /var/log/app/app.log; }
get_via_localhost() {
  kn exec app-with-sidecar -c sidecar-logger -- bash -c \
    'exec 3<>/dev/tcp/127.0.0.1/8080; printf "GET /api/info HTTP/1.0\r\n\r\n" >&3; cat <&3'
}
localhost_shared() { get_via_localhost | contains '"pod":"app-with-sidecar"'; }
shipped_lines() { kn logs app-with-sidecar -c sidecar-logger | grep -c 'path=/api/info' || true; }
sidecar_ships() {
  local before
  before=$(shipped_lines)
  get_via_localhost >/dev/null
  for _ in $(seq 10); do
    (($(shipped_lines) > before)) && return 0
    sleep 1
  done
  echo "no new 'path=/api/info' line in the sidecar's log within 10s (had $before)"
  return 1
}

echo "lab 2: multi-container pods"
step "pod app-with-sidecar runs the app and the sidecar" \
  "kubectl -n lab2 apply -f labs/02-multi-container/pod.yaml" two_containers
step "both containers are ready (2/2)" "kubectl -n lab2 describe pod app-with-sidecar" both_ready
step "the sidecar sees the app's /var/log/app/app.log (shared volume)" \
  "both containers must mount the same emptyDir at /var/log/app" volume_shared
step "the sidecar reaches the app on 127.0.0.1:8080 (shared network)" \
  "containers of one pod share localhost; is the app listening yet?" localhost_shared
step "a request's log line comes out of the sidecar's stdout" \
  "kubectl -n lab2 logs app-with-sidecar -c sidecar-logger; is LOG_DIR=/var/log/app set?" sidecar_ships
finish
