#!/usr/bin/env bash
# podlab's figures next to podinfo's (a small Go service, the yardstick), all measured in this one
# run on this machine: start to readiness, RSS, throughput and p99 under wrk, p99 at a steady 50 req/s
# with a new connection per request (fresh and warm), image sizes, kind load,
# sidecar shipping, warm deploy, a workshop of 30 made. Prints one table and writes target/bench.json.
# A slow machine gives MISSED. A figure that could not be taken, wholly or in part (a failed step,
# an empty value, no cluster), is FAILED, and the run exits non-zero after printing the whole table.
# The verdicts are report.py's; `make bench-selftest` checks them on crafted results.
# RUNS (start-ups, default 5) and LOAD_RUNS (10 s wrk runs, default 3) tune the length (~6-9 min).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BENCH=$HACK_DIR/bench
OUT=$REPO_ROOT/target/bench
RESULTS=$OUT/results.tsv
RUNS=${RUNS:-5} LOAD_RUNS=${LOAD_RUNS:-3}
APP_PORT=18080 PODINFO_PORT=19898 SIDECAR_PORT=18081
APP_REF=$APP_IMAGE:$APP_VERSION SIDECAR_REF=$SIDECAR_IMAGE:$APP_VERSION
PODINFO=$PODLAB_CACHE/bench/podinfo-$PODINFO_VERSION/podinfo
# The app runs as in its pod: memory limit of the Deployment, read-only root, /tmp writable, and
# the Deployment's env values (added after the build, from the manifest).
# No CPU limit, loopback only, and no docker log pipe (the app still writes its log file).
APP_RUN=(--network host --memory 384m --read-only --tmpfs /tmp --log-driver none
  -e QUARKUS_HTTP_HOST=127.0.0.1 -e "QUARKUS_HTTP_PORT=$APP_PORT")
# Start-up and throughput figures time the process itself, without the pod's warm-up window.
NO_WARMUP=(-e PODLAB_STARTUP_WARMUP=0s)

# record KEY VALUE [NOTE]: an empty value is no measurement; it fails the step (and report.py
# would reject it too).
record() {
  [[ -n $2 ]] || { log "no value for $1"; return 1; }
  printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$RESULTS"
}
rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
since() { awk -v t0="$1" -v t1="$(date +%s.%N)" 'BEGIN {printf "%.2f", t1 - t0}'; }
podinfo_pid=
cleanup() {
  docker rm -fv podlab-bench-app podlab-bench-sidecar >/dev/null 2>&1 || true
  stop_podinfo
  rm -rf "$OUT/logs"
}
trap cleanup EXIT

# measure NAME FUNCTION KEY...: runs it as a background job, where `set -e` still applies (it does
# not inside `f || ...`). A failure marks every KEY it owns FAILED, beside whatever runs it recorded
# before failing, and the bench goes on to the next figure.
measure() {
  local name=$1 fn=$2 key
  shift 2
  log "measuring: $name"
  (trap cleanup EXIT; "$fn") & wait $! && return
  for key; do record "$key" FAILED "$name failed: see the log above"; done
}

start_app() { # start_app [docker run options]
  docker rm -fv podlab-bench-app >/dev/null 2>&1 || true
  docker run -d --name podlab-bench-app "${APP_RUN[@]}" "$@" "$APP_REF" >/dev/null
  app_pid=$(docker inspect -f '{{.State.Pid}}' podlab-bench-app)
}
stop_podinfo() { # and wait, so that the next one finds its port free
  [[ -z $podinfo_pid ]] && return
  kill "$podinfo_pid" 2>/dev/null || true
  wait "$podinfo_pid" 2>/dev/null || true
  podinfo_pid=
}
start_podinfo() {
  stop_podinfo
  (cd "$OUT" && exec "$PODINFO" --host 127.0.0.1 --port $PODINFO_PORT --level warn >/dev/null 2>&1) &
  podinfo_pid=$!
}

# --- build what the figures need (each step is a no-op when up to date) ---
build() {
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  JAVA_HOME=$("$HACK_DIR/java-home.sh") "$REPO_ROOT/mvnw" -B -ntp -q -f "$REPO_ROOT/pom.xml" \
    -pl app-service,sidecar-logger -am package -DskipTests
  "$HACK_DIR/images.sh"
  if [[ ! -x $PODINFO ]]; then
    # Built from the Go module proxy in a temp dir: no podinfo code enters this repository.
    log "building podinfo $PODINFO_VERSION with go install"
    (cd "$(mktemp -d)" && GOBIN=$(dirname "$PODINFO") GOFLAGS=-mod=mod go install "$PODINFO_MODULE/cmd/podinfo@$PODINFO_VERSION")
  fi
}

# The app container as the manifest Quarkus generated has it (its home is application.properties):
# `manifest ready` prints its readiness path, `manifest env` its plain env values as NAME=VALUE lines.
manifest() {
  python3 -c 'import json, sys
d = next(r for r in json.load(open(sys.argv[1])) if r["kind"] == "Deployment")
c = next(c for c in d["spec"]["template"]["spec"]["containers"] if c["name"] == "app-service")
if sys.argv[2] == "ready":
    print(c["readinessProbe"]["httpGet"]["path"])
else:
    print("\n".join(e["name"] + "=" + e["value"] for e in c.get("env", []) if "value" in e))' \
    "$REPO_ROOT/app-service/target/kubernetes/kubernetes.json" "$1"
}

# --- figures ---
startup() { # process start (its /proc start time) to first 200 from the readiness URL, then idle RSS
  local i out
  for ((i = 1; i <= RUNS; i++)); do
    start_app "${NO_WARMUP[@]}"
    out=$(python3 "$BENCH/probe.py" "$app_pid" "$APP_READY")
    sleep 2; record start.app "${out% *}"; record rss_idle.app "$(rss_mb "$app_pid")"
    start_podinfo
    out=$(python3 "$BENCH/probe.py" "$podinfo_pid" "http://127.0.0.1:$PODINFO_PORT/readyz")
    sleep 2; record start.podinfo "${out% *}"; record rss_idle.podinfo "$(rss_mb "$podinfo_pid")"
  done
  docker rm -fv podlab-bench-app >/dev/null
}

wrk_run() { # wrk_run NAME URL SECONDS: records req/s and p99 (ms) unless NAME is empty (warm-up)
  local res
  res=$(wrk -t2 -c32 -d"$3"s --latency "$2" | awk '
    /Requests\/sec/ {rps = $2}
    /Non-2xx|Socket errors/ {bad = 1}
    $1 == "99%" {v = $2; f = 1; if (v ~ /us$/) f = 0.001; else if (v ~ /ms$/) f = 1; else if (v ~ /s$/) f = 1000
                 sub(/[a-z]+$/, "", v); p99 = v * f}
    END {if (bad || !rps || p99 == "") exit 1; printf "%s %.3f", rps, p99}')
  [[ -z $1 ]] && return
  record "rps.$1" "${res% *}"; record "p99.$1" "${res#* }"
}

load() { # 32 connections, 10 s a run, app and podinfo in turn; RSS after the 5 s warm-up + runs
  local i
  start_app "${NO_WARMUP[@]}"; start_podinfo
  python3 "$BENCH/probe.py" "$app_pid" "$APP_READY" >/dev/null
  python3 "$BENCH/probe.py" "$podinfo_pid" "http://127.0.0.1:$PODINFO_PORT/readyz" >/dev/null
  wrk_run "" "http://127.0.0.1:$APP_PORT/api/info" 5
  wrk_run "" "http://127.0.0.1:$PODINFO_PORT/" 5
  for ((i = 1; i <= LOAD_RUNS; i++)); do
    wrk_run app "http://127.0.0.1:$APP_PORT/api/info" 10
    wrk_run podinfo "http://127.0.0.1:$PODINFO_PORT/" 10
  done
  record rss_load.app "$(rss_mb "$app_pid")"; record rss_load.podinfo "$(rss_mb "$podinfo_pid")"
  docker rm -fv podlab-bench-app >/dev/null
}

fresh() { # a new process as a pod starts (its own warm-up window), its first 100 requests at
  # 50 req/s as soon as it is ready, then its steady p99 once warmed up by wrk; podinfo alike.
  # A new TCP connection per request, as the failover tests send through a Service.
  local i app=http://127.0.0.1:$APP_PORT/api/info podinfo=http://127.0.0.1:$PODINFO_PORT/
  for ((i = 1; i <= LOAD_RUNS; i++)); do
    start_app
    python3 "$BENCH/probe.py" "$app_pid" "$APP_READY" >/dev/null
    record first100.app "$(python3 "$BENCH/steady.py" "$app" 50 100)"
    start_podinfo
    python3 "$BENCH/probe.py" "$podinfo_pid" "http://127.0.0.1:$PODINFO_PORT/readyz" >/dev/null
    record first100.podinfo "$(python3 "$BENCH/steady.py" "$podinfo" 50 100)"
    wrk_run "" "$app" 5
    wrk_run "" "$podinfo" 5
    record steady.app "$(python3 "$BENCH/steady.py" "$app" 50 500)"
    record steady.podinfo "$(python3 "$BENCH/steady.py" "$podinfo" 50 500)"
  done
  docker rm -fv podlab-bench-app >/dev/null
}

images() {
  record image.app "$(docker image inspect -f '{{.Size}}' "$APP_REF" | awk '{printf "%.1f", $1 / 1e6}')"
  record image.sidecar "$(docker image inspect -f '{{.Size}}' "$SIDECAR_REF" | awk '{printf "%.1f", $1 / 1e6}')"
}

kind_load() { # both images, re-labelled each run so kind really transfers them (it skips known IDs)
  local i t0 node tags
  for ((i = 1; i <= 3; i++)); do
    tags=("$APP_IMAGE:bench-$i" "$SIDECAR_IMAGE:bench-$i")
    printf 'FROM %s\nLABEL podlab.bench=%s\n' "$APP_REF" "$RANDOM$i" | docker build -q -t "${tags[0]}" - >/dev/null
    printf 'FROM %s\nLABEL podlab.bench=%s\n' "$SIDECAR_REF" "$RANDOM$i" | docker build -q -t "${tags[1]}" - >/dev/null
    t0=$(date +%s.%N)
    kind load docker-image --name "$CLUSTER_NAME" "${tags[@]}" >"$OUT/kind-load.log" 2>&1 || { cat "$OUT/kind-load.log"; return 1; }
    record kind_load "$(since "$t0")"
    for node in $(kind get nodes --name "$CLUSTER_NAME"); do
      docker exec "$node" ctr -n k8s.io images rm "docker.io/${tags[0]}" "docker.io/${tags[1]}" >/dev/null || true
    done
    docker rmi "${tags[@]}" >/dev/null
  done
}

sidecar() { # 1M app-style lines, rotated every 10 MB, written while the sidecar follows them
  local i dir pid rate lost
  for ((i = 1; i <= 3; i++)); do
    dir=$OUT/logs && rm -rf "$dir" && mkdir -p "$dir" && chmod 777 "$dir"
    docker rm -fv podlab-bench-sidecar >/dev/null 2>&1 || true
    docker run -d --name podlab-bench-sidecar --memory 192m --read-only --tmpfs /tmp -v "$dir:/var/log/app" \
      -p 127.0.0.1:$SIDECAR_PORT:8081 "$SIDECAR_REF" >/dev/null
    pid=$(docker inspect -f '{{.State.Pid}}' podlab-bench-sidecar)
    python3 "$BENCH/probe.py" "$pid" "http://127.0.0.1:$SIDECAR_PORT/health/ready" >/dev/null
    python3 "$BENCH/sidecar.py" "$dir" "http://127.0.0.1:$SIDECAR_PORT/stats" podlab-bench-sidecar >"$OUT/sidecar.out"
    read -r rate lost <"$OUT/sidecar.out"
    record sidecar.rate "$rate"; record sidecar.lost "$lost"; record sidecar.rss "$(hwm_mb "$pid")"
  done
  docker rm -fv podlab-bench-sidecar >/dev/null
}

image_ids() { docker image inspect -f '{{.Id}}' "$APP_REF" "$SIDECAR_REF"; }
deploy_warm() { # once to settle (new images roll the pods), then timed with nothing changed
  local i t0 before
  make -s -C "$REPO_ROOT" deploy >"$OUT/deploy.log" 2>&1 || { tail -20 "$OUT/deploy.log"; return 1; }
  for ((i = 1; i <= 2; i++)); do
    before=$(image_ids)
    t0=$(date +%s.%N)
    # deploy.sh returns once the rollout is complete: every app pod Ready.
    make -s -C "$REPO_ROOT" deploy >>"$OUT/deploy.log" 2>&1 || { tail -20 "$OUT/deploy.log"; return 1; }
    record deploy_warm "$(since "$t0")"
    record deploy_rebuilt "$(paste <(echo "$before") <(image_ids) | awk '$1 != $2 {n++} END {print n + 0}')"
  done
}

workshop_up() { # a class of 30 made from nothing, whole command timed (JVM, probe), then removed
  local i t0
  # The first call builds the tool, and says whether 30 fit: neither is part of the figure.
  ATTENDEES=30 WORKSHOP_SIZE=xs "$HACK_DIR/workshop.sh" plan >"$OUT/workshop.log" 2>&1 || { tail -20 "$OUT/workshop.log"; return 1; }
  for ((i = 1; i <= 2; i++)); do
    t0=$(date +%s.%N)
    ATTENDEES=30 WORKSHOP_SIZE=xs "$HACK_DIR/workshop.sh" up >>"$OUT/workshop.log" 2>&1 || { tail -20 "$OUT/workshop.log"; return 1; }
    record workshop_up "$(since "$t0")"
    ATTENDEES=30 "$HACK_DIR/workshop.sh" down >>"$OUT/workshop.log" 2>&1 || { tail -20 "$OUT/workshop.log"; return 1; }
  done
}

mkdir -p "$OUT" && : >"$RESULTS"
log "building (jars, images, podinfo $PODINFO_VERSION, wrk)"
build
APP_READY=http://127.0.0.1:$APP_PORT$(manifest ready)
while read -r env; do APP_RUN+=(-e "$env"); done < <(manifest env)
record meta.load "$(cut -d' ' -f1 /proc/loadavg)"
measure "image sizes" images image.app image.sidecar
measure "start to ready and idle RSS ($RUNS runs each)" startup start.app start.podinfo rss_idle.app rss_idle.podinfo
measure "throughput and p99 ($LOAD_RUNS x 10 s each, after a 5 s warm-up)" load \
  rps.app rps.podinfo p99.app p99.podinfo rss_load.app rss_load.podinfo
measure "new process: first 100 requests, then steady 50 req/s ($LOAD_RUNS runs)" fresh \
  first100.app first100.podinfo steady.app steady.podinfo
measure "sidecar shipping (3 x 1M lines)" sidecar sidecar.rate sidecar.lost sidecar.rss
if cluster_exists; then
  measure "kind load (3 runs)" kind_load kind_load
  measure "make deploy, warm (2 runs)" deploy_warm deploy_warm deploy_rebuilt
  measure "make workshop-up, 30 attendees (2 runs)" workshop_up workshop_up
else
  for key in kind_load deploy_warm deploy_rebuilt workshop_up; do record "$key" FAILED "no cluster $CLUSTER_NAME (make cluster)"; done
fi
record deploy_cold NA "the bench does not delete and recreate the cluster"
record meta.load_end "$(cut -d' ' -f1 /proc/loadavg)"
python3 "$BENCH/report.py" "$RESULTS" "$REPO_ROOT/target/bench.json" || die "FAILED figures above could not be measured"
