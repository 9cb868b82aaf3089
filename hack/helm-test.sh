#!/usr/bin/env bash
# Proves the Helm chart (k8s/) with JKube's helm goals, on the kind cluster `make deploy` made:
# builds it with the images `make deploy` pushed as the values' defaults (the goals take no
# install-time values), installs it into a namespace of its own (Pod Security "restricted"),
# runs its Helm test, uninstalls it, checks that nothing is left, and deletes the namespace.
# Prints the chart's size and the install-to-ready time. IMAGES=<images.properties>: other images.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NS=podlab-helm
images=${IMAGES:-$REPO_ROOT/target/deploy/images.properties}
work=$REPO_ROOT/target/helm-test
[[ -f $images ]] || die "no $images: run \`make deploy\` first"
k get --raw /readyz >/dev/null || die "cluster $CONTEXT does not answer: run \`make deploy\`"
export JAVA_HOME=${JAVA_HOME:-$("$HACK_DIR/java-home.sh")}
mvn() { (cd "$REPO_ROOT" && ./mvnw -B -ntp -pl k8s "$@"); }

# The helm goals ignore jkube.namespace and install into the current context's namespace: give
# them a kubeconfig of their own whose context points at the test namespace.
mkdir -p "$work"
kubectl config view --minify --flatten --context "$CONTEXT" >"$work/kubeconfig"
export KUBECONFIG=$work/kubeconfig
kubectl config set-context --current --namespace "$NS" >/dev/null

k delete namespace "$NS" --ignore-not-found --wait=true >/dev/null
k create namespace "$NS" >/dev/null
k label namespace "$NS" pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted >/dev/null
trap 'k delete namespace "$NS" --ignore-not-found --wait=false >/dev/null 2>&1 || true' EXIT

log "building the chart with the images of $images"
mvn clean package -Dpodlab.chart.images="$images"
chart=$(ls "$REPO_ROOT"/k8s/target/kubernetes/podlab-*.tgz)

log "installing release podlab into namespace $NS (k8s:helm-install, waits until Ready)"
start=$SECONDS
mvn k8s:helm-install
install_s=$((SECONDS - start))
# The cluster's own clock: Deployment created -> its last pod Ready (no Maven start in it).
created=$(k -n "$NS" get deployment app-service -o jsonpath='{.metadata.creationTimestamp}')
ready=$(k -n "$NS" get pods -l app.kubernetes.io/name=app-service \
  -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].lastTransitionTime}{"\n"}{end}' | sort | tail -1)
ready_s=$(($(date -d "$ready" +%s) - $(date -d "$created" +%s)))
k -n "$NS" get pods -o wide

log "running the chart's Helm test (k8s:helm-test)"
if ! mvn k8s:helm-test; then
  k -n "$NS" logs app-service-test >&2 || true
  die "Helm test failed"
fi

log "uninstalling (k8s:helm-uninstall)"
mvn k8s:helm-uninstall
# Nothing may be left but what Kubernetes puts in every namespace (and events; v1 Endpoints are
# deprecated and mirror the EndpointSlices checked here): Job pods go a moment after their Jobs,
# so look again for a while.
kinds=$(k api-resources --verbs=list --namespaced -o name | grep -v -e '^events' -e '^endpoints$' | paste -sd, -)
leftovers() {
  k -n "$NS" get "$kinds" -o name | { grep -v -x -e configmap/kube-root-ca.crt -e serviceaccount/default || true; }
}
for _ in $(seq 30); do
  left=$(leftovers)
  [[ -z $left ]] && break
  sleep 2
done
[[ -z $left ]] || die "left behind in $NS after uninstall: $(echo "$left" | paste -sd' ' -)"

log "Helm chart passed: lint, install, test, uninstall with nothing left"
echo "chart: $chart, $(stat -c %s "$chart") bytes packed, $(tar --warning=no-unknown-keyword -xOzf "$chart" | wc -c) bytes unpacked"
echo "install to ready: ${ready_s}s (Deployment created to last pod Ready), ${install_s}s for k8s:helm-install with Maven's start"
