#!/usr/bin/env bash
# Every target `make help` lists must work on a fresh clone, after at most the prerequisites its
# help text names. This checks the part that needs no cluster, in a few minutes: a git clone of
# REV (default HEAD), and Maven with a local repository in which podlab's own artifacts
# (dev/podlab) are hidden and the rest of ~/.m2 is linked (so nothing is downloaded twice).
# Before each Maven target the repository is made afresh, so each target is tried on its own.
# - RUN: cluster-free targets, run as they are;
# - RESOLVE: targets that run tests, with -DskipTests: everything is compiled and resolved, which
#   is where a fresh clone fails ("Could not find artifact dev.podlab:...");
# - CLUSTER: targets that need Docker or the cluster; `make test` runs them after `make deploy`.
#   e2e-throwaway is e2e's Maven build with another profile, but its sweep removes every
#   throwaway node container, also one another run is using: it never runs here.
# A target in `make help` that is in none of these lists fails the check.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RUN=(help lint bench-selftest labs clean build manifests chart)
RESOLVE=(e2e test-unit workshop-test)
CLUSTER=(doctor engine base-image images cluster cluster-delete deploy kind-load undeploy e2e-throwaway
  lab-check lab-solve lab-reset labs-ci test test-generic helm-test fuzz bench check-targets
  workshop-up workshop-plan workshop-status workshop-down)

rev=$(git -C "$REPO_ROOT" rev-parse "${1:-HEAD}")
M2=${MAVEN_REPO:-$HOME/.m2/repository}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$REPO_ROOT" "$tmp/repo"
git -C "$tmp/repo" checkout -q "$rev"
log "fresh clone of ${rev:0:12}; Maven sees ~/.m2 without dev/podlab"

# fresh_m2: $tmp/m2, linking every group of $M2 except dev.podlab.
fresh_m2() {
  local d
  shopt -s nullglob
  rm -rf "$tmp/m2"
  mkdir -p "$tmp/m2/dev"
  for d in "$M2"/*; do [[ ${d##*/} == dev ]] || ln -s "$d" "$tmp/m2/"; done
  for d in "$M2"/dev/*; do [[ ${d##*/} == podlab ]] || ln -s "$d" "$tmp/m2/dev/"; done
}

failed=()
# try TARGET [MAVEN_ARGS]: make TARGET in the clone; its output only when it fails.
try() {
  local start=$SECONDS
  fresh_m2
  if MAVEN_ARGS="-Dmaven.repo.local=$tmp/m2 ${2:-}" make --no-print-directory -C "$tmp/repo" "$1" >"$tmp/out" 2>&1; then
    log "ok    make $1 (${2:-as is}, $((SECONDS - start))s)"
  else
    log "FAIL  make $1 (${2:-as is}, $((SECONDS - start))s):"
    tail -n 25 "$tmp/out" | sed 's/^/      /'
    failed+=("$1")
  fi
}

known=" ${RUN[*]} ${RESOLVE[*]} ${CLUSTER[*]} "
for t in $(make --no-print-directory -C "$tmp/repo" help | awk '$1 == "make" {print $2}'); do
  [[ $known == *" $t "* ]] || failed+=("$t (not classified in $0)")
done
for t in "${RUN[@]}"; do try "$t"; done
for t in "${RESOLVE[@]}"; do try "$t" -DskipTests; done
((${#failed[@]} == 0)) || die "on a fresh clone, these targets failed: ${failed[*]}"
log "every make target checked: ${#RUN[@]} ran, ${#RESOLVE[@]} compiled and resolved with -DskipTests, ${#CLUSTER[@]} need the cluster (make test runs them)"
