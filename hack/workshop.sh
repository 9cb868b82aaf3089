#!/usr/bin/env bash
# workshop.sh up|plan|status|down: runs the workshop tool (the workshop/ module; README "Run a
# workshop"), built first when its sources changed. Settings come from the environment:
# ATTENDEES or ATTENDEES_FILE, WORKSHOP_SIZE, WORKSHOP_HOURS, WORKSHOP_ADDRESS, WORKSHOP_STUCK_AFTER,
# KUBE_CONTEXT (default: podlab's kind cluster) and REGISTRY (with KUBE_CONTEXT: where that cluster pulls
# podlab's images from, as for make deploy).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

JAVA_HOME=${JAVA_HOME:-$("$HACK_DIR/java-home.sh")}
export JAVA_HOME
jar=$REPO_ROOT/workshop/target/quarkus-app/quarkus-run.jar
# The jar's own time is the pom's fixed outputTimestamp (reproducible builds): a stamp says when it was built.
stamp=$REPO_ROOT/workshop/target/workshop-tool.built
if [[ ! -f $jar || ! -f $stamp || -n $(find "$REPO_ROOT/pom.xml" "$REPO_ROOT/workshop/pom.xml" "$REPO_ROOT/workshop/src/main" -newer "$stamp" -print -quit) ]]; then
  log "building the workshop tool (workshop/)"
  (cd "$REPO_ROOT" && ./mvnw -B -ntp -q package -DskipTests -pl workshop -am)
  touch "$stamp"
fi

# The policy probe's pods (the app answers HTTP, the toolbox has curl) and the instructor board:
# the images make deploy pushed.
image() { if [[ -n ${REGISTRY:-} ]]; then echo "$REGISTRY/${1##*/}"; else echo "$1"; fi; }
export KUBE_CONTEXT=${KUBE_CONTEXT:-$CONTEXT}
export WORKSHOP_DIR=${WORKSHOP_DIR:-$REPO_ROOT/target/workshop}
export WORKSHOP_PROBE_SERVER_IMAGE=${WORKSHOP_PROBE_SERVER_IMAGE:-$(image "$APP_IMAGE:$APP_VERSION")}
export WORKSHOP_PROBE_CLIENT_IMAGE=${WORKSHOP_PROBE_CLIENT_IMAGE:-$(image "$TOOLBOX_IMAGE")}
export WORKSHOP_BOARD_IMAGE=${WORKSHOP_BOARD_IMAGE:-$(image "$BOARD_IMAGE:$APP_VERSION")}
exec "$JAVA_HOME/bin/java" -jar "$jar" "$@"
