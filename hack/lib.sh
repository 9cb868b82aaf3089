# Shared helpers for hack/ scripts. Source it; it sources versions.env too.
# shellcheck shell=bash
HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck disable=SC2034  # used by the scripts that source this
REPO_ROOT=$(cd "$HACK_DIR/.." && pwd)
# shellcheck source=versions.env
source "$HACK_DIR/versions.env"
# The tag of the images this project builds: the project version, the parent pom's first <version>.
# shellcheck disable=SC2034  # used by the scripts that source this
APP_VERSION=$(awk -F '[<>]' '/<version>/ {print $3; exit}' "$REPO_ROOT/pom.xml")
# Build outputs that survive `make clean`, keyed by version, so re-runs are cheap.
PODLAB_CACHE=${PODLAB_CACHE:-$HOME/.cache/podlab}
# kind and kubectl as tools.sh chose them (the user's own when their versions fit, else
# built) come first; USER_PATH is the PATH without them, where tools.sh looks.
TOOLS_BIN=$PODLAB_CACHE/bin/current
USER_PATH=${PATH//$TOOLS_BIN:/}
export PATH=$TOOLS_BIN:$USER_PATH
CONTEXT=kind-$CLUSTER_NAME
k() { kubectl --context "$CONTEXT" "$@"; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# phase NAME LIMIT_SECONDS COMMAND...: one long step with its own progress lines and its own
# time limit, which measures this step only (a slow build never eats a later wait's time).
# The step is resumable: run the same command again and finished work is skipped.
phase() {
  local name=$1 limit=$2 start=$SECONDS rc=0
  shift 2
  log "== $name (limit ${limit}s)"
  timeout "$limit" "$@" || rc=$?
  ((rc != 124)) || die "$name did not finish within ${limit}s; this limit covers only this step. Run the same command again to resume."
  ((rc == 0)) || die "$name failed (exit $rc); run the same command again to resume"
  log "== $name done in $((SECONDS - start))s"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
# present IMAGE: here already, or pulled now (fails at once where no registry can be reached).
present() { image_exists "$1" || docker pull -q "$1" >/dev/null 2>&1; }
cluster_exists() { kind get clusters 2>/dev/null | grep -x "$CLUSTER_NAME" >/dev/null; }

# scratch_image IMAGE BINARY NAME: an image holding only the static BINARY, as /NAME, its entrypoint.
scratch_image() {
  local ctx
  ctx=$(mktemp -d)
  cp "$2" "$ctx/$3"
  printf 'FROM scratch\nCOPY %s /%s\nENTRYPOINT ["/%s"]\n' "$3" "$3" "$3" | docker build -q -t "$1" -f - "$ctx" >/dev/null
  rm -rf "$ctx"
  log "built $1 ($(docker image inspect -f '{{.Size}}' "$1" | numfmt --to=iec))"
}

# rootfs_image IMAGE "pkg1,pkg2" [docker import --change ...]
# Builds a Debian minbase rootfs with mmdebstrap and imports it as a Docker image,
# so base images need no registry. Docs, man pages and locales are left out
# (man1 must still exist: update-alternatives links into it).
rootfs_image() {
  local image=$1 packages=$2 tar
  shift 2
  if image_exists "$image"; then
    log "$image already built"
    return
  fi
  command -v mmdebstrap >/dev/null || die "mmdebstrap missing: apt-get install mmdebstrap"
  mkdir -p "$PODLAB_CACHE"
  tar=$PODLAB_CACHE/rootfs-$$.tar
  log "building $image from Debian ${DEBIAN_SUITE} packages: ${packages} (about a minute)"
  # shellcheck disable=SC2016  # the hooks' $1 is mmdebstrap's, not ours
  mmdebstrap --quiet --variant=minbase --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
    "$DEBIAN_SUITE" "$tar"
  # Import only a finished rootfs: a pipe would leave a broken image behind on failure.
  docker import "$@" "$tar" "$image" >/dev/null
  rm -f "$tar"
  log "$image: $(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec)"
}
