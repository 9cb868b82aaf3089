#!/usr/bin/env bash
# Lab 3 reference solution: one pod per phase, then wait until each has reached it.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

# run_once NAME ARGS...: kubectl run, unless the pod exists already (idempotent).
run_once() { kn get pod "$1" >/dev/null 2>&1 || kn run "$@"; }

ensure_ns
run_once waiting --image=podlab/app-service:9.9.9
run_once runner --image="$TOOLBOX" --command -- sleep infinity
run_once exits-0 --image="$APP" --restart=Never --env=PODLAB_ONESHOT_EXIT_CODE=0
run_once exits-3 --image="$APP" --restart=Never --env=PODLAB_ONESHOT_EXIT_CODE=3
run_once crashloop --image="$APP" --env=PODLAB_ONESHOT_EXIT_CODE=1

kn wait --for=condition=Ready pod/runner --timeout=60s
kn wait --for=jsonpath='{.status.phase}'=Succeeded pod/exits-0 --timeout=90s
kn wait --for=jsonpath='{.status.phase}'=Failed pod/exits-3 --timeout=90s
restarted() { (($(jp pod/crashloop '{.status.containerStatuses[0].restartCount}') >= 1)); }
wait_until 90 "crashloop restarted once" restarted
kn get pods
