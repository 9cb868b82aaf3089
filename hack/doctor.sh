#!/usr/bin/env bash
# doctor.sh: says what the podlab workshop needs, which path each piece will take (use what is
# here, pull it, or build it from source) and why, and how to get what is missing.
# Exits non-zero if something essential is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

missing=0
ok() { printf '  ok    %-22s %s\n' "$1" "$2"; }
warn() { printf '  warn  %-22s %s\n' "$1" "$2"; }
bad() { printf '  MISS  %-22s %s\n' "$1" "$2"; missing=1; }
path() { printf '  path  %-22s %s\n' "$1" "$2"; }
# pull_or_build WHAT IMAGE_PUBLIC IMAGE_LOCAL HOW: which image a step will use, and why.
pull_or_build() {
  if image_exists "$2"; then path "$1" "use $2 (already here)"
  elif docker pull -q "$2" >/dev/null 2>&1; then path "$1" "pull $2 (done now: the registry answered)"
  elif image_exists "$3"; then path "$1" "use $3, built earlier ($2 cannot be pulled)"
  else path "$1" "build $3 $4 ($2 cannot be pulled)"; fi
}

echo "podlab doctor"
engine=false
if ! command -v docker >/dev/null; then
  bad docker "no docker client: apt-get install docker.io, then bash hack/install-docker.sh"
elif ! docker info >/dev/null 2>&1; then
  bad "docker engine" "not running: make engine (installs and starts one)"
else
  engine=true
  ok "docker engine" "$(docker version -f '{{.Server.Version}}')"
  # kind nodes are privileged containers; some docker builds cannot start them on these
  # hosts ("unable to apply caps"). Test with a throwaway image holding a static binary
  # (the host's ldconfig), so no registry is needed.
  if ! image_exists podlab/doctor:1; then
    tar -C /sbin -c ldconfig | docker import - podlab/doctor:1 >/dev/null
  fi
  if out=$(docker run --rm --privileged podlab/doctor:1 /ldconfig --version 2>&1); then
    ok "privileged containers" "work"
  else
    bad "privileged containers" "fail (${out##*: }): use dockerd 26+, see hack/install-docker.sh"
  fi
fi

# The services build with JDK 21+; Debian's default java here is 17.
if jdk=$("$HACK_DIR/java-home.sh" 2>/dev/null); then
  ok "JDK 21+" "$jdk (make sets JAVA_HOME to it)"
else
  bad "JDK 21+" "none found: apt-get install openjdk-21-jdk-headless (or a Temurin 21+)"
fi

echo "which path each piece takes:"
"$HACK_DIR/tools.sh" --explain | sed 's/^\[[0-9:]*\] \([a-z]*\): /  path  \1                   /' | cut -c1-200
if $engine; then
  pull_or_build "node image" "$PUBLIC_NODE_IMAGE" "$NODE_IMAGE" "from Go modules and Debian packages, 15-30 min"
  pull_or_build "registry image" "$PUBLIC_REGISTRY_IMAGE" "$LOCAL_REGISTRY_IMAGE" "from Debian's docker-registry, seconds"
  pull_or_build "JDK stage image" "$PUBLIC_JDK_IMAGE" "$LOCAL_JDK_IMAGE" "from Debian's $JDK_PACKAGE, a minute"
  pull_or_build "runtime base image" "$PUBLIC_RUNTIME_IMAGE" "$LOCAL_RUNTIME_IMAGE" "from Debian packages, seconds"
fi

# Needed only for what is built from source (see the paths above).
if command -v go >/dev/null; then
  ok go "$(go env GOVERSION) (builds kind, kubectl and the offline node image)"
else
  warn go "needed to build kind, kubectl or the node image: install Go 1.24+ from https://go.dev/dl"
fi
for tool in mmdebstrap gcc; do
  if command -v $tool >/dev/null; then ok $tool "$(command -v $tool)"
  else warn $tool "needed offline to build images: apt-get install $tool"; fi
done

((missing == 0)) || { echo "something essential is missing (see MISS above)"; exit 1; }
echo "all essentials present"
