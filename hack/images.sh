#!/usr/bin/env bash
# Builds both service images from the jars `./mvnw package` made, plus the toolbox.
# Base: $BASE_IMAGE if set; else the public JRE image if it is here or can be pulled;
# else a JRE base built locally from Debian packages (no registry needed).
set -euo pipefail
user_base=${BASE_IMAGE:-}
source "$(dirname "$0")/lib.sh"

for jar in app-service/target/quarkus-app/quarkus-run.jar sidecar-logger/target/sidecar-logger.jar; do
  [[ -f $REPO_ROOT/$jar ]] || die "$jar missing: run \`make build\` first"
done

base=$user_base
if [[ -z $base ]]; then
  if image_exists "$PUBLIC_JRE_IMAGE" || docker pull -q "$PUBLIC_JRE_IMAGE" >/dev/null 2>&1; then
    base=$PUBLIC_JRE_IMAGE
  else
    "$HACK_DIR/base-image.sh"
    base=$LOCAL_JRE_IMAGE
  fi
fi
"$HACK_DIR/toolbox-image.sh"

for svc in app-service:$APP_IMAGE sidecar-logger:$SIDECAR_IMAGE; do
  dir=${svc%%:*} image=${svc#*:}:$APP_VERSION
  log "building $image FROM $base"
  docker build -q --build-arg BASE_IMAGE="$base" -t "$image" "$REPO_ROOT/$dir" >/dev/null \
    || die "image build of $image failed (run: docker build $dir)"
  log "$image: $(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec)"
done
