#!/usr/bin/env bash
# Undo lab 7's node changes (lab.sh reset 7 runs this before deleting namespace lab7).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

k taint node "$WORKER2" podlab.dev/lab7- >/dev/null 2>&1 || true
k label node "$WORKER2" podlab.dev/disk- >/dev/null 2>&1 || true
