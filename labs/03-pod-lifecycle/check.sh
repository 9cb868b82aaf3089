#!/usr/bin/env bash
# Lab 3 check: one pod per phase, the right exit codes, and a restarted container.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

phase() { jp "pod/$1" '{.status.phase}'; }
waiting_pending() {
  expect phase "$(phase waiting)" Pending
  local reason
  reason=$(jp pod/waiting '{.status.containerStatuses[0].state.waiting.reason}')
  [[ $reason =~ ^(ContainerCreating|ErrImagePull|ImagePullBackOff)$ ]] || { echo "waiting reason: '$reason'"; return 1; }
}
runner_running() { expect phase "$(phase runner)" Running; }
ended() {
  expect phase "$(phase "$1")" "$2"
  expect "exit code" "$(jp "pod/$1" '{.status.containerStatuses[0].state.terminated.exitCode}')" "$3"
}
restarted() {
  expect restartPolicy "$(jp pod/crashloop '{.spec.restartPolicy}')" Always
  local n
  n=$(jp pod/crashloop '{.status.containerStatuses[0].restartCount}')
  ((${n:-0} >= 1)) || { echo "restartCount=${n:-none}"; return 1; }
}

echo "lab 3: pod lifecycle"
pod_security
step "pod waiting is Pending (its image cannot be pulled)" \
  "kubectl run waiting --image=podlab/app-service:9.9.9" waiting_pending
step "pod runner is Running" "kubectl run runner --image=$TOOLBOX --command -- sleep infinity" runner_running
step "pod exits-0 is Succeeded with exit code 0" \
  "kubectl run exits-0 --image=$APP --restart=Never --env=PODLAB_ONESHOT_EXIT_CODE=0 (wait ~10s)" ended exits-0 Succeeded 0
step "pod exits-3 is Failed with exit code 3" \
  "kubectl run exits-3 --image=$APP --restart=Never --env=PODLAB_ONESHOT_EXIT_CODE=3" ended exits-3 Failed 3
step "pod crashloop's container was restarted at least once" \
  "kubectl run crashloop --image=$APP --env=PODLAB_ONESHOT_EXIT_CODE=1, then wait ~20s" restarted
finish
