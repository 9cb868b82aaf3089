#!/usr/bin/env bash
# Single entry point for the labs:
#   lab.sh list              the labs, their namespaces and titles
#   lab.sh check N           verify your cluster for lab N (PASS/FAIL per step)
#   lab.sh solve N [SHELL]   start lab N over: reset it, then run its README's steps in SHELL (bash)
#   lab.sh reset N           delete namespace labN and undo lab N's node changes (N may be "all")
#   lab.sh steps N [attendee] print the session script built from lab N's README
#   lab.sh ci [N...]         for each lab: reset, check must FAIL; then under bash and under zsh:
#                            run the README's steps in one shell session, check must PASS, reset.
#                            Labs that touch no node overlap (LAB_JOBS, 3), and beside them
#                            every lab runs again as a workshop attendee (bash; LAB_MODES="solo
#                            attendee"); `ci shared` runs only those, `ci nodes` only the others
#                            (one at a time).
#
# Attendee mode: with a workshop attendee's kubeconfig (KUBECONFIG=target/workshop/NAME.kubeconfig,
# its context's namespace ws-NAME) every command works in ws-NAME with the attendee's rights:
# reset deletes the labs' objects there (not the namespace), the check records its result in
# ConfigMap lab-result-N, and README blocks marked ```bash solo (namespace setup) or ```bash demo
# (a node, cluster-admin: the instructor shows it) are left out.
#
# A lab's steps live once, in its README: every ```bash block runs, in order, in one shell
# session, exactly as written (```bash not-for-ci marks what only a person can do: -w, -it,
# logs -f, a second terminal). An ```expected block right after a bash block lists the output
# to see: each line is an extended regular expression that some line of the block's output
# (stdout and stderr) must match. Any failing command or missing line stops the session.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# The shells `ci` runs every README under; LAB_SHELLS=bash while iterating.
LAB_SHELLS=${LAB_SHELLS:-bash zsh}
# No README session may hang a CI run.
SESSION_TIMEOUT=${SESSION_TIMEOUT:-600}

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
  if [[ -n $ATTENDEE ]]; then
    reset_attendee
    return
  fi
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

# reset_attendee: an attendee may not delete their namespace, and every lab shares it: delete what
# the labs make in it, keep what the workshop made (quota, limits, policy, account, binding,
# kube-root-ca.crt) and the lab results. Events stay (read-only): checks match them by uid.
reset_attendee() {
  local ns=ws-$ATTENDEE left deadline=$((SECONDS + 180))
  NS=$ns
  kn delete deployments,replicasets,jobs,poddisruptionbudgets,services --all --wait=false >/dev/null
  kn delete configmaps -l '!podlab.dev/lab' --field-selector metadata.name!=kube-root-ca.crt >/dev/null
  kn delete pods --all --force --grace-period=0 >/dev/null 2>&1 || true
  while left=$(kn get pods,services,deployments,replicasets,poddisruptionbudgets -o name) && [[ -n $left ]]; do
    ((SECONDS < deadline)) || die "namespace $ns: still there after 180 s: ${left//$'\n'/ }"
    kn delete pods --all --force --grace-period=0 >/dev/null 2>&1 || true
    sleep 2
  done
  log "namespace $ns reset: the labs' objects gone, the workshop's kept"
}

preflight() {
  k get nodes >/dev/null 2>&1 || die "no cluster behind context $CONTEXT: run \`make cluster\` (and \`make deploy\`)"
}

# settle: waits (up to 5 min, showing progress) until every node is Ready, every kube-system pod
# is ready and metrics-server has figures for every node: the labs show all three. Right after a
# worker was stopped (make test's e2e), its kubelet and metrics take a minute to come back.
settle() {
  local start=$SECONDS nodes ready unready metrics
  while :; do
    nodes=$(k get nodes --no-headers | wc -l)
    ready=$(k get nodes --no-headers | awk '$2 == "Ready"' | wc -l)
    unready=$(k -n kube-system get pods --no-headers | awk '{ split($2, c, "/") } c[1] != c[2] || $3 != "Running"' | wc -l)
    metrics=$(k top node --no-headers 2>/dev/null | awk '$2 ~ /^[0-9]+m$/' | wc -l)
    if ((nodes > 0 && ready == nodes && unready == 0 && metrics == nodes)); then
      log "cluster settled: $nodes nodes Ready with metrics, kube-system ready ($((SECONDS - start))s)"
      return
    fi
    ((SECONDS - start < 300)) ||
      die "the cluster did not settle in 300s: $ready/$nodes nodes Ready, $unready kube-system pods not ready, metrics for $metrics nodes"
    log "waiting for the cluster to settle: $ready/$nodes nodes Ready, $unready kube-system pods not ready, metrics for $metrics/$nodes nodes"
    sleep 5
  done
}

# ---------------------------------------------------------------- README steps
# blocks README DIR: writes each ```bash block of README to DIR/step-NN.sh and the ```expected block
# right after it to DIR/step-NN.expected; dies on an expected block that follows no bash block.
blocks() {
  local readme=$1 dir=$2 line info fence=0 n=0 last='' lineno=0 file=''
  while IFS= read -r line || [[ -n $line ]]; do
    lineno=$((lineno + 1))
    if ((fence)); then
      if [[ $line =~ ^\`\`\`[[:space:]]*$ ]]; then
        fence=0
      elif [[ -n $file ]]; then
        printf '%s\n' "$line" >>"$file"
      fi
      continue
    fi
    if [[ $line =~ ^\`\`\`(.*)$ ]]; then
      info=$(xargs <<<"${BASH_REMATCH[1]}")
      fence=1 file=''
      case $info in
        bash | 'bash solo' | 'bash demo')
          n=$((n + 1)) file=$(printf '%s/step-%02d.sh' "$dir" "$n") last=bash
          : >"$file"
          [[ $info == bash ]] || echo "${info#bash }" >"${file%.sh}.kind"
          ;;
        expected)
          [[ $last == bash ]] || die "$readme:$lineno: an \`\`\`expected block must come right after a \`\`\`bash block"
          file=$(printf '%s/step-%02d.expected' "$dir" "$n") last=expected
          ;;
        *) last=other ;;
      esac
    elif [[ -n ${line//[[:space:]]/} ]]; then
      last=text
    fi
  done <"$readme"
  ((!fence)) || die "$readme: a code block is not closed"
  ((n > 0)) || die "$readme: no \`\`\`bash blocks"
}

# session DIR: one script running DIR's blocks in order, each exactly as written (in braces,
# so variables and functions carry over to the next block), its output shown and then compared
# with its expected lines. Runs under bash and zsh alike. For an attendee, the blocks marked
# solo (the workshop did that: the namespace) and demo (a node, cluster-admin) are left out.
# A block that only reads (kubectl get, describe, top, logs, events) runs again, as a learner
# would, for up to 10 s until its expected lines show: events and node metrics come a moment
# after the state they describe.
session() {
  local dir=$1 f kind
  printf 'set -e\nset -o pipefail\ncd %q\n' "$REPO_ROOT"
  for f in "$dir"/step-*.sh; do
    kind=$(cat "${f%.sh}.kind" 2>/dev/null || true)
    if [[ -n $ATTENDEE && -n $kind ]]; then
      printf "echo; echo '%s'\n" "# $(basename "$f" .sh) (\`\`\`bash $kind) left out for an attendee: $(why_not "$kind")"
      continue
    fi
    printf "echo; sed 's/^/\$ /' %q\n" "$f"
    block "$f"
    if [[ -f ${f%.sh}.expected ]] && ! grep -Evq '^[[:space:]]*(#.*)?$|^[[:space:]]*kubectl +(get|describe|top|logs|events)( |$)' "$f"; then
      # Again in the loop's body, not its condition, so that set -e still holds for the block.
      printf 'lab_tries=0\nwhile ! %q matches %q && [ "$lab_tries" -lt 5 ]; do\nlab_tries=$((lab_tries + 1)); sleep 2\n' \
        "$LABS_DIR/lab.sh" "${f%.sh}"
      block "$f"
      printf 'done\n'
    fi
    printf '%q expect %q\n' "$LABS_DIR/lab.sh" "${f%.sh}"
  done
}

# block FILE: the session's lines running FILE's commands as written, output to its .out file.
block() {
  printf '{\n'
  cat "$1"
  printf '} >%q 2>&1\n' "${1%.sh}.out"
}

why_not() {
  case $1 in
    solo) echo "the workshop made your namespace" ;;
    demo) echo "it needs a node or cluster-admin; the instructor shows it" ;;
    *) die "unknown block kind: bash $1 (bash solo or bash demo)" ;;
  esac
}

# steps N DIR: the README's blocks of lab N into DIR, and DIR/session.sh
steps() {
  local readme
  readme=$(lab_dir "$1")/README.md
  blocks "$readme" "$2"
  session "$2" >"$2/session.sh"
}

# show FILE: a block's output, cut to 40 lines of 300 characters for the CI log. head reads the
# file itself: a writer in front of it would get SIGPIPE (exit 141 under pipefail) on long output.
show() {
  local lines
  lines=$(wc -l <"$1")
  head -n 40 "$1" | cut -c1-300
  ((lines <= 40)) || echo "... ($((lines - 40)) more lines)"
}

# expect BLOCK: shows BLOCK.out, which must have a line matching each line of BLOCK.expected.
expect_output() {
  local block=$1
  show "$block.out"
  : >"$block.shown"
  matches "$block" || { printf '(the README expects this after block %s)\n' "$(basename "$block")"; return 1; }
}

# matches BLOCK: whether BLOCK.out has a line matching each line of BLOCK.expected; prints each one missing.
matches() {
  local block=$1 pattern missing=0
  [[ -f $block.expected ]] || return 0
  while IFS= read -r pattern; do
    [[ -n $pattern ]] || continue
    if ! grep -Eq -e "$pattern" "$block.out"; then
      printf 'MISMATCH: no output line matches: %s\n' "$pattern"
      missing=1
    fi
  done <"$block.expected"
  ((missing == 0))
}

# run_steps N SHELL: runs lab N's README in one SHELL session; fails on the first failing
# command or missing expected line.
run_steps() {
  local n=$1 shell=$2 dir rc=0 last
  command -v "$shell" >/dev/null || die "$shell is not installed (apt-get install $shell)"
  dir=$(mktemp -d)
  steps "$n" "$dir"
  # The learner's kubectl talks to the workshop cluster: a private copy of its context, so the
  # session never changes anyone's current context.
  k config view --raw --minify >"$dir/kubeconfig"
  log "lab $n: running the README's steps under $shell"
  KUBECONFIG=$dir/kubeconfig timeout "$SESSION_TIMEOUT" "$shell" "$dir/session.sh" </dev/null || rc=$?
  if ((rc != 0)); then
    last=$(compgen -G "$dir/step-*.out" | sort | tail -n 1 || true)
    # A block that stopped on a failing command never got its output shown.
    if [[ -n $last && ! -e ${last%.out}.shown ]]; then
      echo "--- output of the failing block:"
      show "$last"
    fi
    ((rc != 124)) || echo "the session took longer than ${SESSION_TIMEOUT}s"
    echo "lab $n: README steps failed under $shell (exit $rc) in block $(basename "${last:-none}" .out)"
  fi
  rm -rf "$dir"
  return "$rc"
}

# ---------------------------------------------------------------- ci
# Labs that touch a node, or what every node shares, run alone: 5 reads a node's NAT rules and
# takes NodePort 30081, 7 needs the workers' free CPU and labels and taints one, 9 cordons,
# drains and stops one. The others use only their own namespace: LAB_JOBS of them at a time.
NODE_LABS=" 5 7 9 "
LAB_JOBS=${LAB_JOBS:-3}
alone() { [[ $NODE_LABS == *" $1 "* ]]; }
CI_LOGS=$REPO_ROOT/target/labs
CI_REPORTS=$REPO_ROOT/target/labs-reports

# Attendee runs (LAB_MODES): each lab's README again with a workshop attendee's kubeconfig, in
# ATTENDEE_JOBS lanes, one attendee per lane, its labs one after another. They touch no node.
LAB_MODES=${LAB_MODES:-solo attendee}
ATTENDEE_JOBS=${ATTENDEE_JOBS:-2}
CI_WORKSHOP=$REPO_ROOT/target/labs/workshop

# ci_lab N: lab N's run: reset, its check must fail untouched; then under each shell (an
# attendee: bash): the README's steps, the check must pass, reset. Writes its row of the table
# to $CI_LOGS/RUN.row and a JUnit report (one case per shell) to $CI_REPORTS; fails when the lab
# failed. RUN: labN, or labN-attendee.
ci_lab() {
  local n=$1 dir untouched verdict=ok times='' shell start cases='' run=lab$1 shells=$LAB_SHELLS title
  dir=$(lab_dir "$n")
  [[ -z $ATTENDEE ]] || run=lab$n-attendee shells=bash
  log "=== lab $n: $(title "$dir")${ATTENDEE:+ (attendee $ATTENDEE)}"
  reset "$n"
  # A step that passes on an empty namespace proves nothing: every step must fail now
  # (preconditions, marked PRE, are the only ones allowed to pass).
  untouched=$(mktemp)
  "$dir/check.sh" >"$untouched" 2>&1 || true
  if grep -q '^  PASS ' "$untouched" || ! grep -q '^  FAIL ' "$untouched"; then
    cat "$untouched"
    verdict="steps passed on the untouched cluster"
    cases+=$(testcase "check fails untouched" 0 "$verdict")$'\n'
  else
    log "check fails on the untouched cluster, as it must ($(grep -c '  FAIL' "$untouched") failing steps)"
    cases+=$(testcase "check fails untouched" 0 "")$'\n'
    for shell in $shells; do
      start=$SECONDS
      if run_steps "$n" "$shell"; then
        log "lab $n: README steps took $((SECONDS - start))s under $shell"
        "$dir/check.sh" || verdict="check failed after the README's steps under $shell"
      else
        verdict="README steps failed under $shell"
      fi
      times+="$shell $((SECONDS - start))s "
      # Leave nothing behind, even after a failure: the next run starts clean.
      (reset "$n") || verdict="reset failed"
      cases+=$(testcase "README steps and check under $shell" "$((SECONDS - start))" "${verdict#ok}")$'\n'
      [[ $verdict == ok ]] || break
    done
  fi
  rm -f "$untouched"
  title=$(title "$dir")
  [[ -z $ATTENDEE ]] || title="${title:0:23} (attendee)"
  printf '%-4s %-34s %-20s  %s\n' "$n" "${title:0:34}" "${times:--}" "$verdict" >"$CI_LOGS/$run.row"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="labs.%s" tests="%s" failures="%s" errors="0" skipped="0" time="%s">\n%s</testsuite>\n' \
    "$run" "$(grep -c '<testcase' <<<"$cases")" "$(grep -c '<failure' <<<"$cases" || true)" "$SECONDS" "$cases" \
    >"$CI_REPORTS/TEST-$run.xml"
  [[ $verdict == ok ]]
}
# testcase NAME SECONDS FAILURE: one JUnit testcase line ("" FAILURE: passed).
testcase() {
  local name=$1 failure=${3//&/&amp;}
  failure=${failure//</&lt;} failure=${failure//\"/&quot;}
  printf '  <testcase classname="labs" name="%s" time="%s">%s</testcase>\n' "$name" "$2" \
    "${failure:+<failure message=\"$failure\"/>}"
}

# ci_logged RUN: lab N's run (RUN: labN, or labN-attendee-NAME with that attendee's kubeconfig)
# in a process of its own (so `set -e` holds in it) with its output in $CI_LOGS/RUN.log; prints
# one line when it passed, the whole log when it failed.
ci_logged() {
  local run=$1 n rc=0 kubeconfig=${KUBECONFIG:-}
  n=${run#lab} n=${n%%-*}
  if [[ $run == *-attendee-* ]]; then
    kubeconfig=$CI_WORKSHOP/${run#*-attendee-}.kubeconfig run=lab$n-attendee
  fi
  log "$run started (log: ${CI_LOGS#"$REPO_ROOT"/}/$run.log)"
  KUBECONFIG=$kubeconfig "$LABS_DIR/lab.sh" ci-lab "$n" >"$CI_LOGS/$run.log" 2>&1 || rc=$?
  if ((rc == 0)); then
    log "$run passed: $(cat "$CI_LOGS/$run.row")"
  else
    flock "$CI_LOGS/.print" sh -c 'echo "--- $1 FAILED; its log, $2:"; cat "$2"' _ "$run" "$CI_LOGS/$run.log"
  fi
  return "$rc"
}

# attendee_runs LAB...: the CI attendees made, the LABs' attendee runs in their lanes, the attendees removed.
attendee_runs() {
  local start=$SECONDS
  : >"$CI_LOGS/workshop.log"
  trap 'workshop down' EXIT
  workshop up
  lanes "$@" || true
  workshop down
  trap - EXIT
  log "attendee runs, workshop up and down included, took $((SECONDS - start))s"
}

# workshop up|down: the CI attendees lab-ci-1.. (one per lane), kubeconfigs in $CI_WORKSHOP.
workshop() {
  local names=() i
  for ((i = 1; i <= ATTENDEE_JOBS; i++)); do names+=("lab-ci-$i"); done
  ATTENDEES="${names[*]}" WORKSHOP_DIR=$CI_WORKSHOP "$REPO_ROOT/hack/workshop.sh" "$1" >>"$CI_LOGS/workshop.log" 2>&1 ||
    { cat "$CI_LOGS/workshop.log"; die "hack/workshop.sh $1 failed for the attendee runs (log above)"; }
  log "workshop $1: attendees ${names[*]} ($(grep -o 'WORKSHOP_UP_SECONDS=.*' "$CI_LOGS/workshop.log" | tail -n 1 || echo finished))"
}

# lanes LAB...: the attendee runs of LABs, lane i (attendee lab-ci-i) taking every ATTENDEE_JOBS-th.
lanes() {
  local labs=("$@") i j
  for ((i = 0; i < ATTENDEE_JOBS; i++)); do
    (
      rc=0
      for ((j = i; j < ${#labs[@]}; j += ATTENDEE_JOBS)); do
        ci_logged "lab${labs[j]}-attendee-lab-ci-$((i + 1))" || rc=1
      done
      exit "$rc"
    ) &
  done
  wait
}

# ci [N...|shared|nodes]: the labs named (all by default; shared: those that may overlap, and
# every lab's attendee run; nodes: those that run alone): the attendee runs in their lanes beside
# the overlapping ones (LAB_JOBS jobs in all), then the others one by one.
ci() {
  local labs=() shared=() alone=() attendee=() runs=() n total=$SECONDS e2e ok=0 bad=0 start
  [[ -z $ATTENDEE ]] || die "lab.sh ci makes workshop attendees: run it with the cluster-admin context, not attendee $ATTENDEE's kubeconfig"
  case ${1:-} in
    shared)
      for n in $(all_labs); do alone "$n" || labs+=("$n"); done
      for n in $(all_labs); do attendee+=("$n"); done
      ;;
    nodes) for n in $(all_labs); do if alone "$n"; then labs+=("$n"); fi; done ;;
    *)
      labs=("$@")
      ((${#labs[@]})) || mapfile -t labs < <(all_labs)
      attendee=("${labs[@]}")
      ;;
  esac
  [[ " $LAB_MODES " == *" solo "* ]] || labs=()
  [[ " $LAB_MODES " == *" attendee "* ]] || attendee=()
  preflight
  settle
  # Labs 5, 7 and 9 take NodePort 30081, taint a node and drain one: not while e2e tests run.
  e2e=$(k get namespaces -l podlab.dev/e2e=true --field-selector=status.phase=Active -o name)
  [[ -z $e2e ]] || die "e2e tests seem to be running (${e2e//$'\n'/ }); run the labs after them, or delete stale namespaces"
  mkdir -p "$CI_LOGS" "$CI_REPORTS"
  for n in ${labs[@]+"${labs[@]}"} ${attendee[@]+"${attendee[@]}"}; do lab_dir "$n" >/dev/null; done
  for n in ${labs[@]+"${labs[@]}"}; do
    runs+=("lab$n")
    if alone "$n"; then alone+=("$n"); else shared+=("$n"); fi
  done
  for n in ${attendee[@]+"${attendee[@]}"}; do runs+=("lab$n-attendee"); done
  for n in ${runs[@]+"${runs[@]}"}; do rm -f "$CI_LOGS/$n".{log,row} "$CI_REPORTS/TEST-$n.xml"; done
  # The attendee runs (their own namespaces, no node) go beside the overlapping labs: one job
  # more, so those take one lane fewer.
  local lanes_pid=none jobs=$LAB_JOBS
  if ((${#attendee[@]})); then
    attendee_runs "${attendee[@]}" &
    lanes_pid=$! jobs=$((LAB_JOBS > 1 ? LAB_JOBS - 1 : 1))
  fi
  for n in ${shared[@]+"${shared[@]}"}; do
    while (($(jobs -rp | grep -cvx "$lanes_pid") >= jobs)); do wait -n || true; done
    ci_logged "lab$n" &
  done
  wait
  for n in ${alone[@]+"${alone[@]}"}; do ci_logged "lab$n" || true; done
  printf '\n%-4s %-34s %-20s  %s\n' lab title "README steps" result
  for n in ${runs[@]+"${runs[@]}"}; do
    if [[ -f $CI_LOGS/$n.row ]]; then cat "$CI_LOGS/$n.row"; else printf '%-4s %s\n' "${n#lab}" "stopped before the end: see $CI_LOGS/$n.log"; fi
    if grep -q '  ok$' "$CI_LOGS/$n.row" 2>/dev/null; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
  done
  printf 'labs ci took %ds (labs %s %s at a time, beside them attendee runs of %s in %s lanes, then %s alone)\n' \
    "$((SECONDS - total))" "${shared[*]:-none}" "$jobs" "${attendee[*]:-none}" "$ATTENDEE_JOBS" "${alone[*]:-none}"
  printf 'lab runs: %d passed, %d failed (logs: %s, JUnit: %s)\n' "$ok" "$bad" "${CI_LOGS#"$REPO_ROOT"/}" "${CI_REPORTS#"$REPO_ROOT"/}"
  ((bad == 0))
}

cmd=${1:-list}
shift || true
case $cmd in
  list) list ;;
  check) preflight; "$(lab_dir "${1:?usage: $0 check N}")/check.sh" ;;
  solve)
    preflight
    reset "${1:?usage: $0 solve N [bash|zsh]}"
    run_steps "$1" "${2:-bash}"
    ;;
  reset)
    preflight
    if [[ ${1:?usage: $0 reset N|all} == all ]]; then
      for n in $(all_labs); do reset "$n"; done
    else
      reset "$1"
    fi
    ;;
  steps)
    # steps N attendee: what an attendee's session runs (without their kubeconfig at hand)
    [[ ${2:-} != attendee ]] || ATTENDEE=NAME
    tmp=$(mktemp -d)
    steps "${1:?usage: $0 steps N [attendee]}" "$tmp"
    cat "$tmp/session.sh"
    rm -rf "$tmp"
    ;;
  expect) expect_output "${1:?usage: $0 expect BLOCK}" ;; # called by the session after each block
  matches) matches "${1:?usage: $0 matches BLOCK}" >/dev/null ;; # the session's test before reading a block again
  ci) ci "$@" ;;
  ci-lab) ci_lab "$1" ;; # one lab's ci run, in a process of its own (see ci_logged)
  *) die "usage: $0 list | check N | solve N [bash|zsh] | reset N|all | steps N | ci [N...|shared|nodes]" ;;
esac
