#!/usr/bin/env bash
# Builds, from Debian packages, the two images both service Dockerfiles start from, for machines
# that cannot pull the public ones:
#   JDK_IMAGE   ${LOCAL_JDK_IMAGE} (public: ${PUBLIC_JDK_IMAGE}): the stage that jlinks a slim JRE
#               and trains the class-data/AOT cache;
#   BASE_IMAGE  ${LOCAL_RUNTIME_IMAGE} (public: ${PUBLIC_RUNTIME_IMAGE}): the final stage, only what a
#               jlinked JVM needs (glibc, libstdc++, zlib) plus dash for the entrypoint's `sh -c`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

jdk_feature=${JDK_PACKAGE#openjdk-} jdk_feature=${jdk_feature%%-*}
# binutils: the app's Dockerfile strips the JRE's native libraries (eclipse-temurin has it too).
rootfs_image "$LOCAL_JDK_IMAGE" "$JDK_PACKAGE,binutils" \
  --change "ENV JAVA_HOME=/usr/lib/jvm/java-${jdk_feature}-openjdk-amd64" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

if image_exists "$LOCAL_RUNTIME_IMAGE"; then
  log "$LOCAL_RUNTIME_IMAGE already built"
  exit 0
fi
# variant=extract unpacks just these packages (no dpkg, apt or maintainer scripts): about 12 MB.
log "building $LOCAL_RUNTIME_IMAGE from Debian ${DEBIAN_SUITE} packages (a few seconds)"
root=$(mktemp -d)
trap 'rm -rf "$root" "$root.tar"' EXIT
mmdebstrap --quiet --variant=extract --include="$RUNTIME_PACKAGES" "$DEBIAN_SUITE" "$root"
rm -rf "${root:?}"/usr/share/{doc,man,info,locale,lintian} "$root"/etc/apt "$root"/var/lib/apt "$root"/var/cache/apt "${root:?}"/dev/*
# No dpkg ran, so write what base-passwd and the maintainer scripts would have: users and /tmp.
printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1001:0:app:/tmp:/usr/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
mkdir -p "$root/tmp" "$root/root" && chmod 1777 "$root/tmp"
tar -C "$root" -cf "$root.tar" .
docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["sh"]' "$root.tar" "$LOCAL_RUNTIME_IMAGE" >/dev/null
log "$LOCAL_RUNTIME_IMAGE: $(docker image inspect -f '{{.Size}}' "$LOCAL_RUNTIME_IMAGE" | numfmt --to=iec)"
