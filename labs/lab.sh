#!/usr/bin/env bash
# Single entry point for the labs:
#   lab.sh list        the labs, their namespaces and titles
#   lab.sh check N     verify your cluster for lab N (PASS/FAIL per step)
#   lab.sh solve N     run lab N's reference solution
#   lab.sh reset N     delete namespace labN and undo lab N's node changes (N may be "all")
#   lab.sh ci [N...]   for each lab: reset, check must FAIL, solve (timed), check must PASS, reset
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lab_dir() {
  [[ $1 =~ ^[0-9]+$ ]] || die "not a lab number: $1 (see: $0 list)"
  local dir
  dir=$(compgen -G "$LABS_DIR/$(printf %02d "$((10#$1))")-*") || die "no lab $1 (see: $0 list)"
  echo "$dir"
}
all_labs() { for d in "$LABS_DIR"/[0-9][0-9]-*/; do basename "$d" | sed 's/^0*\([0-9]*\)-.*/\1/'; done; }
title() { sed -n '1s/^# *//p' "$1/README.md"; }

list() {
  for n in $(all_labs); do printf '%2s  lab%-2s  %s\n' "$n" "$n" "$(title "$(lab_dir "$n")")"; done
}

reset() {
  local n=$1 ns=lab$1 dir
  dir=$(lab_dir "$n")
  # Node changes first: a cordoned or tainted node would hold back every later lab.
  [[ ! -x $dir/reset.sh ]] || "$dir/reset.sh"
  if k get namespace "$ns" >/dev/null 2>&1; then
    k delete namespace "$ns" --wait=false >/dev/null
    # The app drains for ~15 s on SIGTERM; a lab reset need not wait for that.
    k -n "$ns" delete pods --all --force --grace-period=0 >/dev/null 2>&1 || true
    k wait --for=delete "namespace/$ns" --timeout=180s >/dev/null
  fi
  log "lab $n reset (namespace $ns gone)"
}

preflight() {
  k get nodes >/dev/null 2>&1 || die "no cluster behind context $CONTEXT: run \`make cluster\` (and \`make deploy\`)"
}

ci() {
  local labs=("$@") n dir start t untouched ok=0 bad=0 rows=() total=$SECONDS verdict
  ((${#labs[@]})) || mapfile -t labs < <(all_labs)
  preflight
  # Labs 5, 7 and 9 take NodePort 30081, taint a node and drain one: not while e2e tests run.
  local e2e
  e2e=$(k get namespaces -l podlab.dev/e2e=true --field-selector=status.phase=Active -o name)
  [[ -z $e2e ]] || die "e2e tests seem to be running (${e2e//$'\n'/ }); run the labs after them, or delete stale namespaces"
  for n in "${labs[@]}"; do
    dir=$(lab_dir "$n")
    log "=== lab $n: $(title "$dir")"
    verdict=ok t=-
    reset "$n"
    # A step that passes on an empty namespace proves nothing: every step must fail now
    # (preconditions, marked PRE, are the only ones allowed to pass).
    untouched=$(mktemp)
    "$dir/check.sh" >"$untouched" 2>&1 || true
    if grep -q '^  PASS ' "$untouched" || ! grep -q '^  FAIL ' "$untouched"; then
      cat "$untouched"
      verdict="steps passed on the untouched cluster"
    else
      log "check fails on the untouched cluster, as it must ($(grep -c '  FAIL' "$untouched") failing steps)"
      start=$SECONDS
      if "$dir/solution.sh"; then
        t=$((SECONDS - start))
        log "solution took ${t}s"
        "$dir/check.sh" || verdict="check failed after the solution"
      else
        verdict="solution failed"
      fi
    fi
    # Leave nothing behind, even after a failure: the next lab starts clean.
    (reset "$n") || verdict="reset failed"
    rm -f "$untouched"
    [[ $verdict == ok ]] && ok=$((ok + 1)) || bad=$((bad + 1))
    rows+=("$(printf '%-4s %-34s %8s  %s' "$n" "$(title "$dir" | cut -c1-34)" "${t}s" "$verdict")")
  done
  printf '\n%-4s %-34s %8s  %s\n' lab title solution result
  printf '%s\n' "${rows[@]}"
  printf 'labs ci took %ds\n' "$((SECONDS - total))"
  printf 'labs: %d passed, %d failed\n' "$ok" "$bad"
  ((bad == 0))
}

cmd=${1:-list}
shift || true
case $cmd in
  list) list ;;
  check) preflight; "$(lab_dir "${1:?usage: $0 check N}")/check.sh" ;;
  solve) preflight; "$(lab_dir "${1:?usage: $0 solve N}")/solution.sh" ;;
  reset)
    preflight
    if [[ ${1:?usage: $0 reset N|all} == all ]]; then
      for n in $(all_labs); do reset "$n"; done
    else
      reset "$1"
    fi
    ;;
  ci) ci "$@" ;;
  *) die "usage: $0 list | check N | solve N | reset N|all | ci [N...]" ;;
esac
