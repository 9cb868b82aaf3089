#!/usr/bin/env bash
# The dashboard tests drive a real headless Chromium: Debian's chromium and chromium-driver
# (no browser download at test time, which offline machines could not do anyway).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
((EUID == 0)) || die "Chromium missing: sudo apt-get install -y chromium chromium-driver"
log "installing chromium and chromium-driver from Debian"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
