#!/usr/bin/env bash
# Loads the images into the kind cluster, applies the kind overlay and waits for the
# rollout, showing progress; on failure it prints the failing pods' events and logs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export PATH=$PODLAB_CACHE/bin/current:$PATH

NS=podlab
TIMEOUT=${TIMEOUT:-180}
k() { kubectl --context "kind-$CLUSTER_NAME" "$@"; }

kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME" || die "no cluster $CLUSTER_NAME: run \`make cluster\`"

log "loading images into kind (unchanged images are skipped)"
for image in "$APP_IMAGE:$APP_VERSION" "$SIDECAR_IMAGE:$APP_VERSION" "$TOOLBOX_IMAGE"; do
  kind load docker-image --name "$CLUSTER_NAME" "$image" | grep -v 'not yet present' || true
done

# Same tag, new build: the images' IDs in the pod template roll the pods only when they changed.
# A throwaway overlay adds them, so the first apply already has them (no second rollout).
ids=$(for i in "$APP_IMAGE:$APP_VERSION" "$SIDECAR_IMAGE:$APP_VERSION"; do docker image inspect -f '{{.Id}}' "$i" | cut -c8-19; done | paste -sd-)
overlay=$REPO_ROOT/target/deploy
mkdir -p "$overlay"
cat >"$overlay/kustomization.yaml" <<EOK
resources: [../../k8s/overlays/kind]
patches:
  - target: {kind: Deployment, name: app-service}
    patch: '[{"op": "add", "path": "/spec/template/metadata/annotations/podlab.dev~1images", "value": "$ids"}]'
EOK
log "applying k8s/overlays/kind"
k apply -k "$overlay"

start=$SECONDS
if ! k -n "$NS" rollout status deployment/app-service --timeout="${TIMEOUT}s"; then
  echo "rollout did not finish in ${TIMEOUT}s; pods, events and logs of pods not ready:" >&2
  k -n "$NS" get pods -o wide >&2
  for pod in $(k -n "$NS" get pods -l app.kubernetes.io/name=app-service -o jsonpath='{range .items[?(@.status.containerStatuses[0].ready!=true)]}{.metadata.name}{" "}{end}'); do
    k -n "$NS" describe pod "$pod" | sed -n '/^Events:/,$p' >&2
    k -n "$NS" logs "$pod" --all-containers --tail=20 >&2 || true
  done
  exit 1
fi
log "app-service rolled out in $((SECONDS - start))s"
k -n "$NS" get pods -o wide
cat <<EOM

podlab is up. Open the dashboard at http://127.0.0.1:30080/ or try:
  curl http://127.0.0.1:30080/api/info          # NodePort, mapped to this machine by kind
  kubectl --context kind-$CLUSTER_NAME -n $NS port-forward svc/app-service 8080:80   # then http://127.0.0.1:8080
  kubectl --context kind-$CLUSTER_NAME -n $NS get pods,svc,endpointslices -o wide
kubectl and kind are in $PODLAB_CACHE/bin/current (export PATH=$PODLAB_CACHE/bin/current:\$PATH).
EOM
