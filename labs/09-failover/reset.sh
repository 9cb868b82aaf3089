#!/usr/bin/env bash
# Undo lab 9's node changes (lab.sh reset 9 runs this before deleting namespace lab9): the
# drain's cordon, and step 7's stopped container runtime and kubelet.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

docker exec "$WORKER" systemctl start containerd kubelet
k uncordon "$WORKER" >/dev/null 2>&1 || true
k wait --for=condition=Ready "node/$WORKER" --timeout=120s >/dev/null
