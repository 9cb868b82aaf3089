#!/usr/bin/env bash
# Builds the toolbox image (curl, dig, ip) that tests and labs run inside the cluster to
# look at Services, DNS and pod IPs from the inside, where they live.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rootfs_image "$TOOLBOX_IMAGE" "curl,dnsutils,iproute2,iputils-ping,procps,ca-certificates" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["sleep","infinity"]'
