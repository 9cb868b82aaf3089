# shellcheck shell=bash
# Shared by labs/lab.sh and every lab's check.sh and reset.sh: cluster access, waiting,
# the toolbox pod, and PASS/FAIL reporting. Source it; it sources hack/lib.sh (PATH, the kubectl
# context and k, log, die, versions).
LABS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../hack/lib.sh
source "$LABS_DIR/../hack/lib.sh"
# Images and nodes, named once for the scripts that source this file.
# shellcheck disable=SC2034
{
  APP=$APP_IMAGE:$APP_VERSION
  SIDECAR=$SIDECAR_IMAGE:$APP_VERSION
  TOOLBOX=$TOOLBOX_IMAGE
  WORKER=$CLUSTER_NAME-worker
  WORKER2=$CLUSTER_NAME-worker2
}

# Solo or attendee: an attendee's kubeconfig (README "Run a workshop") sets its context's
# namespace to ws-NAME. Then the labs use that context and that one namespace, with the
# attendee's rights; otherwise the learner's own cluster ($CONTEXT), a namespace labN per lab.
ATTENDEE=''
if [[ $(kubectl config view --minify -o jsonpath='{.contexts[0].context.namespace}' 2>/dev/null) =~ ^ws-(.+)$ ]]; then
  ATTENDEE=${BASH_REMATCH[1]}
  CONTEXT=$(kubectl config current-context)
fi
# lab_ns N: the namespace lab N works in.
lab_ns() { if [[ -n $ATTENDEE ]]; then echo "ws-$ATTENDEE"; else echo "lab$1"; fi; }

# The calling lab from its directory: labs/03-lifecycle/check.sh works in namespace lab3 (ws-NAME).
LAB_DIR=$(cd "$(dirname "$0")" && pwd)
if [[ $(basename "$LAB_DIR") =~ ^([0-9][0-9])- ]]; then
  LAB=$((10#${BASH_REMATCH[1]}))
  NS=$(lab_ns "$LAB")
fi

# k ARGS...: kubectl on the workshop cluster, as in hack/lib.sh; but when a call fails and the
# cluster does not answer either (no cluster, a bad context), the check step it ran in fails and
# says why. Checks read "not there" as an empty value, and an empty value can pass a step
# (`expect X "$(k ...)" ""`, `grep -v` on nothing): no answer must never pass for "not there".
k() {
  local rc=0 why
  kubectl --context "$CONTEXT" "$@" || rc=$?
  if ((rc != 0)) && [[ -n ${UNANSWERED:-} ]] && ! why=$(kubectl --context "$CONTEXT" get --raw /readyz 2>&1 >/dev/null); then
    echo "kubectl cannot answer (context $CONTEXT): ${why:-no reason given}" >>"$UNANSWERED"
  fi
  return "$rc"
}
kn() { k -n "$NS" "$@"; }

# jp KIND/NAME JSONPATH: one field of one object in the lab namespace ("" when absent; when the
# cluster does not answer, k fails the step).
jp() { kn get "$1" -o jsonpath="$2" 2>/dev/null || true; }

# on_node NODE: a kubectl run --overrides that makes the scheduler pick NODE (for hints).
on_node() { printf '{"spec":{"nodeSelector":{"kubernetes.io/hostname":"%s"}}}' "$1"; }

# tb CMD...: CMD in the lab's toolbox pod (curl, dig), where Service IPs, cluster DNS and pod
# IPs are reachable.
tb() { kn exec toolbox -- "$@"; }

# pod_states SELECTOR: "name ip ready restarts node" per pod not being deleted
# (ready True/False; <none> where a field is not set yet).
pod_states() {
  kn get pods -l "$1" --no-headers -o custom-columns='N:.metadata.name,IP:.status.podIP,R:.status.conditions[?(@.type=="Ready")].status,RS:.status.containerStatuses[0].restartCount,NODE:.spec.nodeName,DEL:.metadata.deletionTimestamp' |
    awk '$6 == "<none>" {print $1, $2, $3, $4, $5}'
}

# ---------------------------------------------------------------- checks
FAILS=0 STEPS=0 PASSED=0
# step WHAT HINT CMD...: runs CMD with `set -e`; PASS, or FAIL with the hint and CMD's last lines
# (or, when kubectl could not reach the cluster during CMD, with that reason).
# Every step checks something the learner did in this lab: `lab.sh ci` requires each one to
# FAIL on an untouched cluster.
step() { verdict PASS "$@"; }
# precondition WHAT HINT CMD...: like step, for what must already hold before the lab starts
# (nodes Ready, ...): the one kind of check allowed to pass on an untouched cluster.
precondition() { verdict PRE "$@"; }
# demo_step [--why REASON] WHAT HINT CMD...: a step an attendee cannot take (by default: it needs
# a node or cluster-admin). Solo it is a step; for an attendee it is the instructor's demo: said
# so, with why, neither run nor counted.
demo_step() {
  local why='it needs a node or cluster-admin'
  if [[ $1 == --why ]]; then why=$2; shift 2; fi
  if [[ -z $ATTENDEE ]]; then
    step "$@"
  else
    printf '  DEMO  %s\n        (the instructor shows this: %s; not counted)\n' "$1" "$why"
  fi
}
verdict() {
  local ok=$1 what=$2 hint=$3 out rc
  shift 3
  UNANSWERED=$(mktemp)
  set +e
  out=$(set -e; "$@" 2>&1)
  rc=$?
  set -e
  if [[ -s $UNANSWERED ]]; then
    rc=1 out=$(sort -u "$UNANSWERED")
  fi
  rm -f "$UNANSWERED"
  UNANSWERED=
  [[ $ok == PRE ]] || STEPS=$((STEPS + 1))
  if ((rc == 0)); then
    [[ $ok == PRE ]] || PASSED=$((PASSED + 1))
    printf '  %-4s  %s\n' "$ok" "$what"
  else
    FAILS=$((FAILS + 1))
    printf '  FAIL  %s\n        hint: %s\n' "$what" "$hint"
    [[ -z $out ]] || tail -n 3 <<<"$out" | sed 's/^/        got:  /'
  fi
}
# pod_security: the lab namespace enforces Pod Security "baseline" and warns on "restricted"
# (every README labels it so right after creating it). Every check runs it first. An attendee's
# namespace came so from the workshop, and an attendee may not read namespaces: the API server
# refusing a privileged pod there is what shows it.
pod_security() {
  if [[ -n $ATTENDEE ]]; then
    precondition "namespace $NS (made by the workshop) refuses a privileged pod: Pod Security baseline" \
      "ask the instructor: your kubeconfig's namespace $NS should exist" privileged_refused
    return
  fi
  step "namespace $NS: Pod Security enforce=baseline, warn=restricted" \
    "kubectl create namespace $NS; kubectl label namespace $NS pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/warn=restricted" \
    pod_security_labels
}
privileged_refused() {
  local out
  out=$(kn run pod-security-probe --image="$TOOLBOX" --privileged --dry-run=server -o name 2>&1 || true)
  contains 'violates PodSecurity "baseline' <<<"$out" || { echo "a privileged pod was not refused: $out"; return 1; }
}
pod_security_labels() {
  local mode
  for mode in enforce:baseline warn:restricted; do
    expect "label pod-security.kubernetes.io/${mode%%:*}" \
      "$(k get namespace "$NS" -o jsonpath="{.metadata.labels.pod-security\.kubernetes\.io/${mode%%:*}}")" "${mode#*:}"
  done
}
# since_lab_start: the lab namespace's creation time (RFC 3339, UTC), so evidence such as events
# can be told apart from what an earlier run left behind; string comparison orders these.
since_lab_start() { k get namespace "$NS" -o jsonpath='{.metadata.creationTimestamp}'; }
# finish: the check's verdict; non-zero when any step failed. An attendee's check records it too.
finish() {
  [[ -z $ATTENDEE ]] || record_result
  if ((FAILS == 0)); then
    echo "$NS: all steps passed"
  else
    echo "$NS: $FAILS step(s) failed"
    exit 1
  fi
}
# record_result: ConfigMap lab-result-N in the attendee's namespace, which the instructor's board
# reads (contract: workshop/.../tenancy/Names.java): steps passed, steps counted, and since when
# this count holds (kept when a re-run passes as many).
record_result() {
  local cm=lab-result-$LAB was since
  was=$(kn get configmap "$cm" -o jsonpath='{.data.passed} {.data.since}' 2>/dev/null || true)
  since=${was#"$PASSED "}
  [[ $was == "$PASSED "* && -n $since ]] || since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  kn apply --server-side --force-conflicts --field-manager=podlab-labs -o name -f - >/dev/null <<EOF || echo "warning: could not record the result in ConfigMap $cm"
apiVersion: v1
kind: ConfigMap
metadata:
  name: $cm
  labels: {podlab.dev/lab: "$LAB", app.kubernetes.io/part-of: podlab-workshop, podlab.dev/attendee: "$ATTENDEE"}
data: {passed: "$PASSED", total: "$STEPS", since: "$since"}
EOF
  echo "result recorded for the instructor: $PASSED of $STEPS steps (ConfigMap $cm)"
}
# expect WHAT ACTUAL WANTED: fails with a readable message, for use inside check functions.
expect() { [[ $2 == "$3" ]] || { echo "$1: got '$2', want '$3'"; return 1; }; }
# ... | contains REGEX: like grep -q, but reads all input, so the writer gets no SIGPIPE under pipefail.
contains() { grep -E -e "$1" >/dev/null; }
# need WHAT VALUE: fails when VALUE is empty (a "want" read from the cluster must exist to compare with).
need() { [[ -n $2 ]] || { echo "$1: not found"; return 1; }; }
