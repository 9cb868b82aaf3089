#!/usr/bin/env bash
# Lab 6 reference solution: a ClusterIP and a headless Service, and a toolbox to resolve them from.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

ensure_ns
kn get deploy web >/dev/null 2>&1 || kn create deployment web --image="$APP" --replicas=2 --port=8080
kn get svc web >/dev/null 2>&1 || kn expose deployment web --port=80 --target-port=8080
kn get svc web-headless >/dev/null 2>&1 || kn expose deployment web --name=web-headless --cluster-ip=None --port=8080
kn rollout status deployment/web --timeout=120s
toolbox
tb cat /etc/resolv.conf
tb dig +short +search web
tb dig +short "web-headless.$NS.svc.cluster.local"
# No readiness probe (plain `create deployment`): Ready comes before the app listens.
wait_until 60 "http://web answers" tb curl -sf --max-time 2 "http://web.$NS.svc.cluster.local/api/info"
tb curl -s http://app-service.podlab/api/info
echo
