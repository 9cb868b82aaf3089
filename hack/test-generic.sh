#!/usr/bin/env bash
# Proves the generic overlay the way a user of another cluster meets it: `make deploy
# KUBE_CONTEXT=... REGISTRY=...` onto the kind cluster from its local registry, into a namespace
# of its own, then checks what that overlay promises and removes it again.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NS=podlab-generic
REGISTRY=localhost:$REGISTRY_PORT/generic
fail() { echo "FAIL generic overlay: $*" >&2; exit 1; }
proxy() { k get --raw "/api/v1/namespaces/$NS/services/app-service:80/proxy$1"; }
k delete namespace "$NS" --ignore-not-found --wait=true >/dev/null # a run before may still be leaving
trap 'k delete namespace "$NS" --wait=false >/dev/null 2>&1 || true' EXIT

KUBE_CONTEXT=$CONTEXT REGISTRY=$REGISTRY NAMESPACE=$NS "$HACK_DIR/deploy.sh"

info=$(proxy /api/info) || fail "GET /api/info through the Service failed"
[[ $info == *"\"namespace\":\"$NS\""* ]] || fail "/api/info did not come from namespace $NS: $info"
[[ $(k -n "$NS" get svc app-service -o jsonpath='{.spec.type}') == ClusterIP ]] || fail "Service type is not params.env's ClusterIP"
[[ -z $(k -n "$NS" get svc -o jsonpath='{.items[?(@.spec.type=="NodePort")].metadata.name}{.items[?(@.spec.type=="LoadBalancer")].metadata.name}') ]] ||
  fail "the generic overlay must not open a NodePort or LoadBalancer"
[[ $(k get namespace "$NS" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}') == restricted ]] || fail "Pod Security label not set from params.env"
# Each container runs the image its spec names from $REGISTRY, byte for byte what the registry
# serves (the status may show another name the node knows the same digest by).
for pod in $(k -n "$NS" get pods -l app.kubernetes.io/name=app-service -o jsonpath='{.items[*].metadata.name}'); do
  for name in $(k -n "$NS" get pod "$pod" -o jsonpath='{.spec.containers[*].name}'); do
    image=$(k -n "$NS" get pod "$pod" -o jsonpath="{.spec.containers[?(@.name==\"$name\")].image}")
    id=$(k -n "$NS" get pod "$pod" -o jsonpath="{.status.containerStatuses[?(@.name==\"$name\")].imageID}")
    [[ $image == "$REGISTRY/"* ]] || fail "$pod/$name runs $image, not an image from $REGISTRY"
    repo=${image#*/}
    served=$(curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://127.0.0.1:$REGISTRY_PORT/v2/${repo%:*}/manifests/${repo##*:}" |
      tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
    [[ -n $served && $id == *"@$served" ]] || fail "$pod/$name runs $id, the registry serves ${served:-nothing} for $image"
  done
done
# The chaos API stays off: the app's own default, nothing in the overlay turns it on.
state=$(proxy /admin/state 2>&1 || true)
[[ $state == *403* || $state == *Forbidden* ]] || fail "chaos API answered although it should be off: $state"
log "generic overlay: deployed from $REGISTRY to namespace $NS, answered through its ClusterIP Service, chaos off"
