#!/usr/bin/env bash
# Builds the images podlab's own containers start FROM, with no registry:
#  - a JRE base equivalent to the public ${PUBLIC_JRE_IMAGE} (used by both services);
#  - a small toolbox (curl, dig) for pods that test DNS and Services from inside the cluster.
# Online users may skip this: the Dockerfiles default to the public JRE image.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rootfs_image "$LOCAL_JRE_IMAGE" "${JRE_PACKAGE},ca-certificates" \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
rootfs_image "$TOOLBOX_IMAGE" "curl,dnsutils,iproute2,iputils-ping,procps,ca-certificates" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["sleep","infinity"]'
