#!/usr/bin/env bash
# Undo lab 9's node change (lab.sh reset 9 runs this before deleting namespace lab9).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

k uncordon "$WORKER" >/dev/null 2>&1 || true
