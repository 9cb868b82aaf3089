#!/usr/bin/env bash
# tools.sh [--explain]: puts kind and kubectl into $TOOLS_BIN, first on the PATH of every podlab
# script: the ones already on your PATH when their versions fit (kind of $KIND_VERSION's series,
# kubectl within one minor of the cluster, as Kubernetes' skew policy allows), else built from
# Go modules by build-k8s.sh. --explain only says which path each one takes, and why.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

explain=false
[[ ${1:-} == --explain ]] && explain=true
k8s_minor=${KUBERNETES_VERSION#v1.} k8s_minor=${k8s_minor%%.*}

# version NAME BINARY: the version BINARY reports, e.g. v0.33.0 or v1.34.11.
version() {
  case $1 in
    kind) "$2" version 2>/dev/null | awk '{print $2}' ;;
    kubectl) "$2" version --client 2>/dev/null | sed -n 's/^Client Version: \(v[0-9.]*\).*/\1/p' ;;
  esac
}
fits() { # NAME VERSION
  case $1 in
    kind) [[ $2 == "${KIND_VERSION%.*}".* ]] ;;
    kubectl) local minor=${2#v1.}; minor=${minor%%.*}
      [[ $minor =~ ^[0-9]+$ ]] && ((minor >= k8s_minor - 1 && minor <= k8s_minor + 1)) ;;
  esac
}

need() { [[ $1 == kind ]] && echo "${KIND_VERSION%.*}.x" || echo "within one minor of $KUBERNETES_VERSION"; }

mkdir -p "$TOOLS_BIN"
for tool in kind kubectl; do
  want=$KIND_VERSION
  [[ $tool == kubectl ]] && want=$KUBERNETES_VERSION
  found=$(PATH=$USER_PATH command -v "$tool" || true) have=""
  [[ -n $found ]] && have=$(version "$tool" "$found")
  if [[ -n $have ]] && fits "$tool" "$have"; then
    log "$tool: use $found ($have fits $want)"
    $explain || ln -sfn "$found" "$TOOLS_BIN/$tool"
  else
    why="none on PATH"
    [[ -n $found ]] && why="$found is ${have:-of unknown version}; needed: $(need "$tool")"
    built=$PODLAB_CACHE/bin/$want/$tool
    if [[ -x $built ]]; then
      log "$tool: use $built, built earlier ($why)"
    else
      log "$tool: build $want from Go modules, a few minutes ($why)"
      $explain || "$HACK_DIR/build-k8s.sh" "$tool"
    fi
    $explain || ln -sfn "$built" "$TOOLS_BIN/$tool"
  fi
done
