#!/usr/bin/env bash
# Lab 2 reference solution: apply the two-container pod and use the shared volume and localhost.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ensure_ns
kn apply -f "$LAB_DIR/pod.yaml"
kn wait --for=condition=Ready pod/app-with-sidecar --timeout=120s
kn get pod app-with-sidecar -o wide
# No readiness probes in pod.yaml: wait until the app listens and has written its log file.
wait_until 60 "the app answers on localhost" kn exec app-with-sidecar -c sidecar-logger -- bash -c \
  'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /api/info HTTP/1.0\r\n\r\n" >&3 && cat <&3'
kn exec app-with-sidecar -c sidecar-logger -- ls -l /var/log/app
shipped() { kn logs app-with-sidecar -c sidecar-logger | contains 'path=/api/info'; }
wait_until 20 "the sidecar ships the request line" shipped
kn logs app-with-sidecar -c sidecar-logger --tail=3
