#!/usr/bin/env bash
# doctor.sh: says which tools the podlab workshop needs are missing, and how to get each.
# Exits non-zero if something essential is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

export PATH=$PODLAB_CACHE/bin/current:$PATH
missing=0
ok() { printf '  ok    %-22s %s\n' "$1" "$2"; }
warn() { printf '  warn  %-22s %s\n' "$1" "$2"; }
bad() { printf '  MISS  %-22s %s\n' "$1" "$2"; missing=1; }

echo "podlab doctor"
if ! command -v docker >/dev/null; then
  bad docker "no docker client: apt-get install docker.io, then bash hack/install-docker.sh"
elif ! docker info >/dev/null 2>&1; then
  bad "docker engine" "not running: bash hack/install-docker.sh (installs and starts one)"
else
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

for tool in kind kubectl; do
  if command -v $tool >/dev/null; then
    ok $tool "$(command -v $tool)"
  else
    bad $tool "bash hack/build-k8s.sh $tool, then add $PODLAB_CACHE/bin/current to PATH"
  fi
done
# A kubectl more than one minor away from the cluster is unsupported (the host's is 1.32).
kubectl_minor=$(kubectl version --client -o json 2>/dev/null | jq -r .clientVersion.minor || true)
cluster_minor=${KUBERNETES_VERSION#v1.}
[[ -z $kubectl_minor || ${kubectl_minor%+} == "${cluster_minor%%.*}" ]] ||
  warn kubectl "is 1.$kubectl_minor, the cluster ${KUBERNETES_VERSION}: put $PODLAB_CACHE/bin/current first on PATH"

# The services build with JDK 21+; Debian's default java here is 17.
if jdk=$("$HACK_DIR/java-home.sh" 2>/dev/null); then
  ok "JDK 21+" "$jdk (make sets JAVA_HOME to it)"
else
  bad "JDK 21+" "none found: apt-get install openjdk-21-jdk-headless (or a Temurin 21+)"
fi

if command -v go >/dev/null; then
  ok go "$(go env GOVERSION) (builds kind, kubectl and the offline node image)"
else
  bad go "install Go 1.24+ from https://go.dev/dl and add it to PATH"
fi
# Only the offline node image needs these (no public kindest/node image reachable).
if command -v mmdebstrap >/dev/null; then
  ok mmdebstrap "$(command -v mmdebstrap)"
else
  warn mmdebstrap "needed offline to build base and node images: apt-get install mmdebstrap"
fi
if command -v gcc >/dev/null; then
  ok gcc "$(command -v gcc)"
else
  warn gcc "needed offline to build the pause binary: apt-get install gcc libc6-dev"
fi

((missing == 0)) || { echo "something essential is missing (see MISS above)"; exit 1; }
echo "all essentials present"
