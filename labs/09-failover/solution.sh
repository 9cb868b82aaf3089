#!/usr/bin/env bash
# Lab 9 reference solution: the failover drill under load: delete a pod, roll out 2.0.0,
# drain podlab-worker, uncordon it.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

all_ready() { [[ $(jp deploy/app '{.status.readyReplicas}/{.status.updatedReplicas}/{.status.replicas}') == 3/3/3 ]]; }

ensure_ns
kn apply -f "$LAB_DIR/../08-deployments-and-probes/app.yaml" -f "$LAB_DIR/pdb.yaml"
# A re-run starts the drill from version 1.0.0 again, before any load.
if [[ -n $(jp deploy/app '{.spec.template.spec.containers[0].env[?(@.name=="PODLAB_VERSION")].value}') ]]; then
  kn set env deployment/app PODLAB_VERSION-
fi
toolbox "$WORKER2"
kn rollout status deployment/app --timeout=180s

kn exec -i toolbox -- bash -s <"$LAB_DIR/load.sh" >/dev/null &
load=$!
trap 'kn exec toolbox -- touch /tmp/stop 2>/dev/null || true' EXIT
sleep 3

log "delete a pod"
kn delete pod "$(pod_states app=app | awk '{print $1; exit}')"
wait_until 60 "3 pods are ready again" all_ready

log "rolling update to 2.0.0"
kn set env deployment/app PODLAB_VERSION=2.0.0
kn rollout status deployment/app --timeout=180s

log "drain $WORKER"
k drain "$WORKER" --ignore-daemonsets --delete-emptydir-data --timeout=180s
wait_until 90 "3 pods are ready again" all_ready
sleep 3 # a few more requests on the surviving node

kn exec toolbox -- touch /tmp/stop
wait "$load"
k uncordon "$WORKER"
kn get pods -o wide
tb sh -c 'cut -d" " -f1,2 /tmp/load.log | sort | uniq -c'
