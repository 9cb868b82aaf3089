#!/usr/bin/env bash
# `make test`: every test phase in order (or only the PHASEs named: hack/test.sh e2e labs-nodes).
# Each phase is timed, and the JUnit reports it wrote are copied to target/test-reports/<phase>/
# as it ends (every Maven build deletes the reports of the build before it). The run stops at
# the first failing phase; the phase table (hack/test-times.py: times, results, tests counted
# from the kept reports) is printed and written to target/test-times.json in every case.
# "a+b" runs phases a and b at the same time, each into its own log, shown when it ends: only
# work that shares no namespace and touches no node.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Beside each other: work that waits on one cluster and work that computes or uses another
# (the fuzz run and the fresh-clone target check use no cluster; the throwaway cluster is its own).
PHASES=(lint bench-selftest unit cluster deploy workshop+fuzz+targets e2e labs-shared+generic-helm labs-nodes+e2e-throwaway)

# The phases, one function each.
lint() { make lint; }
bench-selftest() { make bench-selftest; }
unit() { make test-unit; }
fuzz() { make fuzz; }
targets() { make check-targets; }
cluster() { make cluster images; }
deploy() { "$HACK_DIR/deploy.sh"; }
# Before e2e, whose last classes stop workers: the class is proven on a whole cluster.
workshop() { make workshop-test; }
e2e() { make e2e; }
e2e-throwaway() { make e2e-throwaway; }
generic-helm() { "$HACK_DIR/test-generic.sh" && "$HACK_DIR/helm-test.sh"; }
labs-shared() { make zsh && "$REPO_ROOT/labs/lab.sh" ci shared; }
labs-nodes() { make zsh && "$REPO_ROOT/labs/lab.sh" ci nodes; }

make() { command make --no-print-directory -C "$REPO_ROOT" "$@"; }

OUT=$REPO_ROOT/target/test-reports
TSV=$OUT/phases.tsv # phase, seconds, result, phases beside it, reports folder: what test-times.py reads

# keep PHASE MARKER: the JUnit reports written since MARKER, to $OUT/PHASE/<module>/<reports dir>/.
keep() {
  local f rel
  while IFS= read -r f; do
    rel=${f#"$REPO_ROOT"/}
    rel=${rel/target\//}
    mkdir -p "$OUT/$1/$(dirname "$rel")"
    cp -p "$f" "$OUT/$1/$rel"
  done < <(find "$REPO_ROOT" -path "$OUT" -prune -o -path '*/target/*' -name 'TEST-*.xml' -newer "$2" -print)
}

# run PHASE [BESIDE [GROUP]]: runs the phase, keeps its reports (in a group, together keeps
# them: one phase cannot tell its reports from the others'), records its time and result.
run() {
  local name=$1 start=$SECONDS rc=0
  touch "$OUT/.$name.start"
  log "=== phase $name${2:+ (beside $2)}"
  "$name" || rc=$?
  [[ -n ${3:-} ]] || keep "$name" "$OUT/.$name.start"
  rm -f "$OUT/.$name.start"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$((SECONDS - start))" "$( ((rc == 0)) && echo ok || echo "FAILED (exit $rc)")" \
    "${2:-}" "${3:-$name}" >>"$TSV"
  log "=== phase $name took $((SECONDS - start))s (exit $rc)"
  return "$rc"
}

# together PHASE...: the phases at once; each one's output in target/test-logs/PHASE.log,
# printed whole when it ends; their reports kept in $OUT/PHASE+PHASE.../. Fails when any failed.
together() {
  local name logs=$REPO_ROOT/target/test-logs pids=() rc=0 pid group
  group=$(IFS=+ && echo "$*")
  mkdir -p "$logs"
  touch "$OUT/.$group.start"
  for name in "$@"; do
    (
      run "$name" "$(printf '%s\n' "$@" | grep -vx "$name" | paste -sd,)" "$group" >"$logs/$name.log" 2>&1 && r=0 || r=$?
      flock "$logs/.print" cat "$logs/$name.log"
      exit "$r"
    ) &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  keep "$group" "$OUT/.$group.start"
  rm -f "$OUT/.$group.start"
  return "$rc"
}

(($# == 0)) || PHASES=("$@")
for p in "${PHASES[@]//+/ }"; do
  for name in $p; do [[ $(type -t "$name") == function ]] || die "no phase $name (phases: ${PHASES[*]})"; done
done
rm -rf "$OUT"
mkdir -p "$OUT"
start=$SECONDS failed=
for p in "${PHASES[@]}"; do
  if [[ -n $failed ]]; then
    for name in ${p//+/ }; do printf '%s\t0\tnot run\t\t%s\n' "$name" "$name" >>"$TSV"; done
  elif [[ $p == *+* ]]; then
    # shellcheck disable=SC2086  # one word per phase
    together ${p//+/ } || failed=$p
  else
    run "$p" || failed=$p
  fi
done
python3 -B "$HACK_DIR/test-times.py" "$TSV" "$((SECONDS - start))" "$REPO_ROOT/target/test-times.json"
[[ -z $failed ]] || die "phase ${failed//+/ or } failed (its output is above; the table says where the reports are)"
