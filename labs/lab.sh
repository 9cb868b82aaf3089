#!/usr/bin/env bash
# Single entry point for the labs:
#   lab.sh list              the labs, their namespaces and titles
#   lab.sh check N           verify your cluster for lab N (PASS/FAIL per step)
#   lab.sh solve N [SHELL]   start lab N over: reset it, then run its README's steps in SHELL (bash)
#   lab.sh reset N           delete namespace labN and undo lab N's node changes (N may be "all")
#   lab.sh steps N           print the session script built from lab N's README
#   lab.sh ci [N...]         for each lab: reset, check must FAIL; then under bash and under zsh:
#                            run the README's steps in one shell session, check must PASS, reset
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
        bash)
          n=$((n + 1)) file=$(printf '%s/step-%02d.sh' "$dir" "$n") last=bash
          : >"$file"
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
# with its expected lines. Runs under bash and zsh alike.
session() {
  local dir=$1 f
  printf 'set -e\nset -o pipefail\ncd %q\n' "$REPO_ROOT"
  for f in "$dir"/step-*.sh; do
    printf "echo; sed 's/^/\$ /' %q\n{\n" "$f"
    cat "$f"
    printf '} >%q 2>&1\n%q expect %q\n' "${f%.sh}.out" "$LABS_DIR/lab.sh" "${f%.sh}"
  done
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
  local block=$1 pattern missing=0
  show "$block.out"
  : >"$block.shown"
  [[ -f $block.expected ]] || return 0
  while IFS= read -r pattern; do
    [[ -n $pattern ]] || continue
    if ! grep -Eq -e "$pattern" "$block.out"; then
      printf 'MISMATCH: no output line matches: %s\n' "$pattern"
      missing=1
    fi
  done <"$block.expected"
  ((missing == 0)) || { printf '(the README expects this after block %s)\n' "$(basename "$block")"; return 1; }
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
ci() {
  local labs=("$@") n dir start untouched ok=0 bad=0 rows=() total=$SECONDS verdict shell times
  ((${#labs[@]})) || mapfile -t labs < <(all_labs)
  preflight
  # Labs 5, 7 and 9 take NodePort 30081, taint a node and drain one: not while e2e tests run.
  local e2e
  e2e=$(k get namespaces -l podlab.dev/e2e=true --field-selector=status.phase=Active -o name)
  [[ -z $e2e ]] || die "e2e tests seem to be running (${e2e//$'\n'/ }); run the labs after them, or delete stale namespaces"
  for n in "${labs[@]}"; do
    dir=$(lab_dir "$n")
    log "=== lab $n: $(title "$dir")"
    verdict=ok times=
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
      for shell in $LAB_SHELLS; do
        start=$SECONDS
        if run_steps "$n" "$shell"; then
          times+="$shell $((SECONDS - start))s "
          log "lab $n: README steps took $((SECONDS - start))s under $shell"
          "$dir/check.sh" || verdict="check failed after the README's steps under $shell"
        else
          times+="$shell - "
          verdict="README steps failed under $shell"
        fi
        # Leave nothing behind, even after a failure: the next run starts clean.
        (reset "$n") || verdict="reset failed"
        [[ $verdict == ok ]] || break
      done
    fi
    rm -f "$untouched"
    [[ $verdict == ok ]] && ok=$((ok + 1)) || bad=$((bad + 1))
    rows+=("$(printf '%-4s %-34s %-20s  %s' "$n" "$(title "$dir" | cut -c1-34)" "${times:--}" "$verdict")")
  done
  printf '\n%-4s %-34s %-20s  %s\n' lab title "README steps" result
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
    tmp=$(mktemp -d)
    steps "${1:?usage: $0 steps N}" "$tmp"
    cat "$tmp/session.sh"
    rm -rf "$tmp"
    ;;
  expect) expect_output "${1:?usage: $0 expect BLOCK}" ;; # called by the session after each block
  ci) ci "$@" ;;
  *) die "usage: $0 list | check N | solve N [bash|zsh] | reset N|all | steps N | ci [N...]" ;;
esac
