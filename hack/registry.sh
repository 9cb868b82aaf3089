#!/usr/bin/env bash
# registry.sh up|connect|down: the local registry the kind nodes pull from, as kind's
# local-registry guide sets it up: a registry container on 127.0.0.1:$REGISTRY_PORT, joined to
# the kind network, each node's containerd told through /etc/containerd/certs.d/.../hosts.toml
# (config_path is set in k8s/kind/cluster.yaml), and the local-registry-hosting ConfigMap.
# Registry image: the public $PUBLIC_REGISTRY_IMAGE if here or pullable, else built from
# Debian's docker-registry package (the same distribution registry, no registry needed).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HOST=localhost:$REGISTRY_PORT
running() { [[ $(docker inspect -f '{{.State.Running}}' "$REGISTRY_NAME" 2>/dev/null) == true ]]; }

# The image to run, as the global $image: pulled, or built when no registry can be reached.
pick_image() {
  image=$PUBLIC_REGISTRY_IMAGE
  if present "$image"; then return; fi
  image=$LOCAL_REGISTRY_IMAGE
  if image_exists "$image"; then return; fi
  log "no public registry image reachable: building $image from Debian's docker-registry"
  local root
  root=$(mktemp -d)
  # variant=extract: only the package and its dependencies, no dpkg run (a few seconds).
  mmdebstrap --quiet --variant=extract --include=docker-registry "$DEBIAN_SUITE" "$root"
  [[ -e $root/lib64 ]] || ln -s usr/lib64 "$root/lib64" # merged /usr: the ELF interpreter's path
  mkdir -p "$root/etc/docker/registry" "$root/var/lib/registry"
  # registry:2's own defaults: filesystem storage, port 5000, no auth (Debian's sample turns htpasswd on).
  printf '%s\n' 'version: 0.1' 'storage:' '  filesystem:' '    rootdirectory: /var/lib/registry' \
    '  delete:' '    enabled: true' 'http:' '  addr: :5000' >"$root/etc/docker/registry/config.yml"
  tar -C "$root" -cf "$root.tar" usr/bin/docker-registry usr/lib usr/lib64 lib64 etc/docker var/lib/registry
  docker import --change 'ENTRYPOINT ["/usr/bin/docker-registry", "serve", "/etc/docker/registry/config.yml"]' \
    --change 'EXPOSE 5000' "$root.tar" "$image" >/dev/null
  rm -rf "$root" "$root.tar"
  log "$image: $(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec)"
}

up() {
  if running; then
    log "registry $REGISTRY_NAME running on 127.0.0.1:$REGISTRY_PORT"
  elif docker inspect "$REGISTRY_NAME" >/dev/null 2>&1; then
    log "starting registry $REGISTRY_NAME" && docker start "$REGISTRY_NAME" >/dev/null
  else
    local image
    pick_image
    log "starting registry $REGISTRY_NAME from $image on 127.0.0.1:$REGISTRY_PORT"
    docker run -d --restart=always -p "127.0.0.1:$REGISTRY_PORT:5000" --network bridge \
      -v podlab-registry:/var/lib/registry --name "$REGISTRY_NAME" "$image" >/dev/null
  fi
  for _ in $(seq 30); do
    curl -fsS -o /dev/null "http://127.0.0.1:$REGISTRY_PORT/v2/" 2>/dev/null && return 0
    sleep 1
  done
  docker logs --tail 20 "$REGISTRY_NAME" >&2
  die "registry $REGISTRY_NAME does not answer on 127.0.0.1:$REGISTRY_PORT"
}

connect() {
  if [[ $(docker inspect -f '{{json .NetworkSettings.Networks.kind}}' "$REGISTRY_NAME") == null ]]; then
    docker network connect kind "$REGISTRY_NAME"
  fi
  # Inside a node, localhost is the node itself: send $HOST to the registry's name on the kind
  # network. The registry also mirrors docker.io, so the short names the labs type
  # (podlab/app-service:<version>) are pulled from it too; anything else falls through to Docker Hub.
  local node
  for node in $(kind get nodes --name "$CLUSTER_NAME"); do
    docker exec "$node" mkdir -p "/etc/containerd/certs.d/$HOST" /etc/containerd/certs.d/docker.io
    printf '[host."http://%s:5000"]\n' "$REGISTRY_NAME" |
      docker exec -i "$node" cp /dev/stdin "/etc/containerd/certs.d/$HOST/hosts.toml"
    printf 'server = "https://registry-1.docker.io"\n[host."http://%s:5000"]\n  capabilities = ["pull", "resolve"]\n' "$REGISTRY_NAME" |
      docker exec -i "$node" cp /dev/stdin /etc/containerd/certs.d/docker.io/hosts.toml
  done
  k apply -f - >/dev/null <<EOC
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "$HOST"
    help: "https://kind.sigs.k8s.io/docs/user/local-registry/"
EOC
  log "nodes pull $HOST/... from $REGISTRY_NAME"
}

down() {
  docker rm -f "$REGISTRY_NAME" >/dev/null 2>&1 || true
  log "registry $REGISTRY_NAME removed (its images stay in Docker volume podlab-registry)"
}

case ${1:-} in
  up | connect | down) "$1" ;;
  *) die "usage: $0 up|connect|down" ;;
esac
