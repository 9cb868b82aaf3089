#!/usr/bin/env bash
# API fuzz run: schemathesis against the packaged app's own OpenAPI document (/q/openapi).
# Fails on any 5xx, any answer that breaks the documented schema, status code or headers.
#
# The app runs on a free loopback port with chaos ENABLED and a token, so the chaos endpoints are
# exercised too. Two things a valid chaos call does would end or stall the run itself, so:
# - POST /admin/crash is left out (a valid body halts the process: nothing left to test), and the
#   pod gets an unguessable name, so the dashboard proxy cannot reach /admin/crash of this process;
# - the normal API (/, /api/info, /api/cluster, /dashboard) is fuzzed first, before the chaos
#   endpoints can switch on latency (up to 60 s a request) or injected (documented) 500s there.
#   A hang fuzzed afterwards blocks only the worker pool, which /admin and the proxy do not use.
# Bounded: FUZZ_SECONDS (default 90) for each of the two passes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SCHEMATHESIS_VERSION=4.32.5
FUZZ_SECONDS=${FUZZ_SECONDS:-90}
VENV=$PODLAB_CACHE/venv-schemathesis
JAR=$REPO_ROOT/app-service/target/quarkus-app/quarkus-run.jar
[[ -f $JAR ]] || die "$JAR missing: run 'make build' (or ./mvnw -pl app-service -am package -DskipTests)"
[[ -n ${JAVA_HOME:-} ]] || JAVA_HOME=$("$HACK_DIR/java-home.sh")

if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  [[ $(id -u) == 0 ]] || die "python3 cannot make a venv: apt-get install -y python3-venv"
  log "installing python3-venv"
  apt-get install -y -qq python3-venv >/dev/null
fi
if [[ ! -x $VENV/bin/schemathesis ]] || [[ $("$VENV/bin/schemathesis" --version) != *"$SCHEMATHESIS_VERSION"* ]]; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
BASE=http://127.0.0.1:$PORT
log "starting the app on $BASE (chaos on, with a token; log: $WORK/app.log)"
POD_NAME=fuzz-$TOKEN PODLAB_CHAOS_ENABLED=true PODLAB_CHAOS_TOKEN=$TOKEN "$JAVA_HOME/bin/java" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dquarkus.shutdown.delay=0s \
  -Dquarkus.log.file.path="$WORK/app.log" -Dquarkus.log.console.json.enabled=false \
  -jar "$JAR" >"$WORK/console.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$BASE/q/health/started" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || die "the app did not start: $(tail -20 "$WORK/console.log")"
  sleep 1
done

# pass NAME FILTER...: one bounded schemathesis run; its cassette records every request.
pass() {
  local name=$1
  shift
  log "fuzz pass '$name' (at most ${FUZZ_SECONDS} s)"
  # --max-time bounds the run; timeout is the backstop should it overrun.
  # Run in $WORK: schemathesis and hypothesis keep caches in the current directory.
  (cd "$WORK" && timeout $((FUZZ_SECONDS + 60)) "$VENV/bin/schemathesis" run "$BASE/q/openapi" --max-time "$FUZZ_SECONDS" \
    --checks all --header "X-Chaos-Token: $TOKEN" --request-timeout 10 --max-examples 50 \
    --phases examples,coverage,fuzzing --seed 1 --no-color \
    --report har --report-har-path "$WORK/$name.har" "$@") || return 1
}
status=0
pass api --exclude-path-regex '^/(admin|api/pods)/' || status=1
pass chaos --include-path-regex '^/(admin|api/pods)/' --exclude-path /admin/crash || status=1

read -r requests errors < <(python3 - "$WORK"/*.har <<'PY'
import json, sys
entries = [e for path in sys.argv[1:] for e in json.load(open(path))["log"]["entries"]]
print(len(entries), sum(1 for e in entries if e["response"]["status"] >= 500))
PY
)
log "fuzz: $requests requests, $errors answered 5xx"
[[ $errors == 0 && $status == 0 ]] || die "fuzz failed (schemathesis output above; app log: $WORK/app.log)"
kill -0 "$APP_PID" 2>/dev/null || die "the app died during the fuzz run: $(tail -20 "$WORK/console.log")"
rm -rf "$WORK"
log "fuzz: passed"
