#!/usr/bin/env bash
# Builds a JRE base image equivalent to the public ${PUBLIC_JRE_IMAGE} from Debian
# packages, for machines that cannot pull it. Both services' images start FROM it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rootfs_image "$LOCAL_JRE_IMAGE" "${JRE_PACKAGE},ca-certificates" \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
