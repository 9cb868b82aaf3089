#!/usr/bin/env bash
# Installs and starts a Docker engine that can run kind's privileged nodes on these hosts:
# dockerd from Debian trixie (bookworm's 20.10 cannot start privileged containers here)
# with bookworm's own containerd and runc (trixie's need a newer glibc), plus buildx.
# Idempotent: a running engine is left alone.
set -euo pipefail
source "$(dirname "$0")/versions.env"

PREFIX=/opt/podlab/docker
APT_DIR=/var/cache/podlab/apt-${DEBIAN_SUITE}
LOG=/var/log/podlab-dockerd.log

if docker info >/dev/null 2>&1; then
  echo "docker: engine already running ($(docker version -f '{{.Server.Version}}'))"
  exit 0
fi

log() { echo "docker: $*"; }

need_pkgs=()
for p in containerd runc iptables mmdebstrap; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if ((${#need_pkgs[@]})); then
  log "installing ${need_pkgs[*]} from the host's Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [[ ! -x $PREFIX/usr/sbin/dockerd ]]; then
  log "downloading docker.io and docker-buildx from Debian ${DEBIAN_SUITE}"
  mkdir -p "$APT_DIR"/{lists/partial,archives/partial,debs}
  echo "deb http://deb.debian.org/debian ${DEBIAN_SUITE} main" >"$APT_DIR/sources.list"
  apt_opts=(-o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache::Archives="$APT_DIR/archives"
    -o Dir::State::Status=/dev/null -o Debug::NoLocking=1)
  apt-get "${apt_opts[@]}" update -qq
  (cd "$APT_DIR/debs" && apt-get "${apt_opts[@]}" download docker.io docker-buildx >/dev/null)
  rm -rf "$PREFIX" && mkdir -p "$PREFIX"
  for deb in "$APT_DIR"/debs/*.deb; do dpkg -x "$deb" "$PREFIX"; done
fi

# The engine's helper binaries must be on PATH; the client stays the host's.
for bin in dockerd docker-proxy docker-init; do
  src=$(find "$PREFIX" -name "$bin" -type f -print -quit)
  [[ -n $src ]] && ln -sf "$src" "/usr/local/sbin/$bin"
done
mkdir -p ~/.docker/cli-plugins
install -m 0755 "$PREFIX/usr/libexec/docker/cli-plugins/docker-buildx" ~/.docker/cli-plugins/docker-buildx

log "starting dockerd (log: $LOG)"
nohup /usr/local/sbin/dockerd --containerd-namespace=moby >"$LOG" 2>&1 &
for _ in $(seq 60); do
  docker info >/dev/null 2>&1 && { log "engine up ($(docker version -f '{{.Server.Version}}'))"; exit 0; }
  sleep 1
done
echo "docker: dockerd did not come up; last lines of $LOG:" >&2
tail -n 30 "$LOG" >&2
exit 1
