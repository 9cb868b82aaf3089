#!/usr/bin/env bash
# Builds both service images from the jars `./mvnw package` made, plus the toolbox.
# Each Dockerfile jlinks a slim JRE in a JDK stage (JDK_IMAGE) and runs it on a minimal base
# (BASE_IMAGE). Both: as set in the environment; else the public images if they are here or can
# be pulled; else built locally from Debian packages by base-image.sh (no registry needed).
set -euo pipefail
user_base=${BASE_IMAGE:-} user_jdk=${JDK_IMAGE:-}
source "$(dirname "$0")/lib.sh"

for jar in app-service/target/quarkus-app/quarkus-run.jar sidecar-logger/target/sidecar-logger.jar; do
  [[ -f $REPO_ROOT/$jar ]] || die "$jar missing: run \`make build\` first"
done

present() { image_exists "$1" || docker pull -q "$1" >/dev/null 2>&1; }
base=$user_base jdk=$user_jdk
if [[ -z $base || -z $jdk ]]; then
  if present "$PUBLIC_JDK_IMAGE" && present "$PUBLIC_RUNTIME_IMAGE"; then
    base=${base:-$PUBLIC_RUNTIME_IMAGE} jdk=${jdk:-$PUBLIC_JDK_IMAGE}
  else
    "$HACK_DIR/base-image.sh"
    base=${base:-$LOCAL_RUNTIME_IMAGE} jdk=${jdk:-$LOCAL_JDK_IMAGE}
  fi
fi
"$HACK_DIR/toolbox-image.sh"

for svc in app-service:$APP_IMAGE sidecar-logger:$SIDECAR_IMAGE; do
  dir=${svc%%:*} image=${svc#*:}:$APP_VERSION
  log "building $image: JRE jlinked from $jdk, FROM $base"
  docker build -q --build-arg JDK_IMAGE="$jdk" --build-arg BASE_IMAGE="$base" -t "$image" "$REPO_ROOT/$dir" >/dev/null \
    || die "image build of $image failed (run: docker build $dir)"
  log "$image: $(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec)"
done
