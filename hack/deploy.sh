#!/usr/bin/env bash
# Pushes the images to a registry the nodes pull from, applies an overlay with those images and
# waits for the rollout, showing progress; on failure it prints the failing pods' events and logs.
# Images are tagged by content: an unchanged image keeps its tag, so nothing rolls; a changed
# one gets a new tag, so the pods roll and the kubelet pulls it.
#   default: the kind cluster and its local registry, overlay kind (chaos on, behind a token);
#   KUBE_CONTEXT=<ctx> REGISTRY=<registry/prefix> [NAMESPACE=podlab]: any cluster, overlay generic.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NS=${NAMESPACE:-podlab}
if [[ -n ${KUBE_CONTEXT:-} ]]; then
  [[ -n ${REGISTRY:-} ]] || die "KUBE_CONTEXT needs REGISTRY=<registry/prefix> the cluster can pull from"
  CONTEXT=$KUBE_CONTEXT OVERLAY=generic OUT=$REPO_ROOT/target/deploy-$NS
else
  cluster_exists || die "no cluster $CLUSTER_NAME: run \`make cluster\`"
  "$HACK_DIR/registry.sh" up >/dev/null
  "$HACK_DIR/registry.sh" connect >/dev/null
  REGISTRY=localhost:$REGISTRY_PORT/podlab OVERLAY=kind OUT=$REPO_ROOT/target/deploy
fi

# push IMAGE: tags IMAGE as $REGISTRY/<name>:<content tag> and :<its own tag> (what labs and
# tests name), pushes both and prints the content-tagged reference.
push() {
  local name=${1%:*} own=${1##*:} id ref
  id=$(docker image inspect -f '{{.Id}}' "$1" | cut -c8-19)
  ref=$REGISTRY/${name##*/}:$id
  docker tag "$1" "$ref" && docker tag "$1" "${ref%:*}:$own"
  docker push -q "$ref" >/dev/null && docker push -q "${ref%:*}:$own" >/dev/null
  echo "$ref"
}
start=$SECONDS
log "pushing images to $REGISTRY (unchanged layers are skipped)"
mkdir -p "$OUT"
app=$(push "$APP_IMAGE:$APP_VERSION") sidecar=$(push "$SIDECAR_IMAGE:$APP_VERSION") toolbox=$(push "$TOOLBOX_IMAGE")
# The workshop's board: make workshop-up runs it by its own tag, as it does the toolbox.
board=$(push "$BOARD_IMAGE:$APP_VERSION")
log "pushed $app, $sidecar, $toolbox, $board in $((SECONDS - start))s"

k apply -f - >/dev/null <<EON
apiVersion: v1
kind: Namespace
metadata: {name: $NS}
EON
if [[ $OVERLAY == kind ]]; then
  # What the e2e tests and labs run: exactly these images, never an older one left on a node.
  printf 'app=%s\nsidecar=%s\ntoolbox=%s\n' "$app" "$sidecar" "$toolbox" >"$OUT/images.properties"
  # The chaos API is on for the workshop, behind a token made once per cluster.
  if ! k -n "$NS" get secret app-service-chaos >/dev/null 2>&1; then
    k -n "$NS" create secret generic app-service-chaos --from-literal=token="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" >/dev/null
    log "made a chaos token (Secret $NS/app-service-chaos)"
  fi
fi

cat >"$OUT/kustomization.yaml" <<EOK
# Written by hack/deploy.sh: overlay $OVERLAY with the images just pushed.
resources: [../../k8s/overlays/$OVERLAY]
namespace: $NS
images:
  - {name: $APP_IMAGE, newName: ${app%:*}, newTag: ${app##*:}}
  - {name: $SIDECAR_IMAGE, newName: ${sidecar%:*}, newTag: ${sidecar##*:}}
EOK
# A Job's pod template cannot change: one-shot Jobs of an older image go, and run again on the new one.
k -n "$NS" get jobs -o jsonpath='{range .items[*]}{.metadata.name} {.spec.template.spec.containers[0].image}{"\n"}{end}' 2>/dev/null |
  while read -r job image; do
    [[ $image == "$app" ]] || k -n "$NS" delete job "$job" --wait=true >/dev/null
  done
log "applying k8s/overlays/$OVERLAY to namespace $NS (context $CONTEXT)"
k apply -k "$OUT"

start=$SECONDS
if ! k -n "$NS" rollout status deployment/app-service --timeout="${ROLLOUT_LIMIT:-300}s"; then
  echo "rollout did not finish in ${ROLLOUT_LIMIT:-300}s; pods, events and logs of pods not ready:" >&2
  k -n "$NS" get pods -o wide >&2
  for pod in $(k -n "$NS" get pods -l app.kubernetes.io/name=app-service -o jsonpath='{range .items[?(@.status.containerStatuses[*].ready!=true)]}{.metadata.name}{" "}{end}'); do
    k -n "$NS" describe pod "$pod" | sed -n '/^Events:/,$p' >&2
    k -n "$NS" logs "$pod" --all-containers --tail=20 >&2 || true
  done
  exit 1
fi
log "app-service rolled out in $((SECONDS - start))s"
k -n "$NS" get pods -o wide
if [[ $OVERLAY == generic ]]; then
  echo "podlab is up in namespace $NS: kubectl --context $CONTEXT -n $NS port-forward svc/app-service 8080:80"
  exit 0
fi
token=$(k -n "$NS" get secret app-service-chaos -o jsonpath='{.data.token}' | base64 -d)
# shellcheck source=../k8s/overlays/kind/ports.env
source "$REPO_ROOT/k8s/overlays/kind/ports.env"
cat <<EOM

podlab is up. Open the dashboard at http://127.0.0.1:$APP_NODE_PORT/ or try:
  curl http://127.0.0.1:$APP_NODE_PORT/api/info          # NodePort, mapped to this machine by kind
  kubectl --context $CONTEXT -n $NS port-forward svc/app-service 8080:80   # then http://127.0.0.1:8080
  kubectl --context $CONTEXT -n $NS get pods,svc,endpointslices -o wide
The chaos API (and the dashboard's chaos buttons) need this token, header X-Chaos-Token:
  $token
kubectl and kind are in $TOOLS_BIN (export PATH=$TOOLS_BIN:\$PATH).
EOM
