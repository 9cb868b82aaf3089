#!/usr/bin/env bash
# Prepares the Helm chart's sources for JKube's k8s:helm (k8s/pom.xml runs it before k8s:helm):
#   OUT/kubernetes/  the generic overlay rendered through k8s/helm (each value a ${name}
#                    placeholder), one object per file as k8s:helm needs, plus the chart's own
#                    objects from k8s/helm/objects (the chaos Secret, the Helm test pod);
#   OUT/fragments/values.helm.yaml  the values with their defaults, each read from its home.
# Usage: hack/helm-sources.sh OUT [IMAGES]; IMAGES is an images.properties as hack/deploy.sh
# writes it (app=, sidecar=, toolbox= references): the images become the values' defaults.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=${1:?usage: helm-sources.sh OUT [IMAGES]} images=${2:-}
command -v kubectl >/dev/null || die "kubectl (with kustomize) not found: run \`make cluster\` or put a kubectl on PATH"
rm -rf "$out"
mkdir -p "$out/kubernetes" "$out/fragments"

# One file per object, <name>-<kind>.yaml (kustomize prints metadata.name at two spaces).
kubectl kustomize "$REPO_ROOT/k8s/helm" | awk -v dir="$out/kubernetes" '
  function flush(  f) {
    if (doc == "") return
    f = dir "/" name "-" tolower(kind) ".yaml"
    if (f in seen) { print "two objects would share " f > "/dev/stderr"; exit 1 }
    seen[f] = 1; printf "%s", doc > f; close(f)
    doc = ""; kind = ""; name = ""
  }
  /^---$/ { flush(); next }
  /^[a-z]/ { meta = /^metadata:/ }
  /^kind: / { kind = $2 }
  meta && /^  name: / { name = $2 }
  { doc = doc $0 "\n" }
  END { flush() }'
cp "$REPO_ROOT"/k8s/helm/objects/*.yaml "$out/kubernetes/"

# Defaults: what `make deploy` pushes to the kind registry (or IMAGES), the replicas the
# generated manifest sets, the Service type of the generic overlay, the chaos API off.
registry=localhost:$REGISTRY_PORT/podlab app_tag=$APP_VERSION sidecar_tag=$APP_VERSION toolbox_tag=${TOOLBOX_IMAGE##*:}
if [[ -n $images ]]; then
  ref() { grep "^$1=" "$images" | cut -d= -f2- | grep . || die "no $1= image in $images"; }
  app=$(ref app) sidecar=$(ref sidecar) toolbox=$(ref toolbox)
  registry=${app%/*} app_tag=${app##*:} sidecar_tag=${sidecar##*:} toolbox_tag=${toolbox##*:}
  [[ ${sidecar%/*} == "$registry" && ${toolbox%/*} == "$registry" ]] || die "the images in $images must share one registry"
fi
replicas=$(kubectl kustomize "$REPO_ROOT/k8s/overlays/generic" | awk '/^kind: Deployment/ {d = 1} d && /^  replicas: / {print $2; exit}')
service_type=$(sed -n 's/^SERVICE_TYPE=//p' "$REPO_ROOT/k8s/overlays/generic/params.env")
[[ -n $replicas && -n $service_type ]] || die "could not read replicas or SERVICE_TYPE from k8s/overlays/generic"
cat >"$out/fragments/values.helm.yaml" <<EOV
image:
  registry: "$registry"
  app: {tag: "$app_tag"}
  sidecar: {tag: "$sidecar_tag"}
  toolbox: {tag: "$toolbox_tag"}
replicas: $replicas
service: {type: "$service_type"}
chaos: {enabled: false, token: ""}
EOV
log "chart sources: $(find "$out/kubernetes" -name '*.yaml' | wc -l) objects in $out"
