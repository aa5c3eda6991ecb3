#!/usr/bin/env bash
# own-base-image.sh IMAGE TAG - TAG: IMAGE with a label of its own, so a distinct image id (no debootstrap, instant).
#
# Why: two fips:build runs side by side on one engine (CI's e2e projects) that start from the same base image and
# build the same first layers (the build packages of one distro) each make their own copy of those layers. Docker's
# classic builder then picks the newest copy as the parent of every later build, so a later build of the other run's
# cell misses the cache from there on and compiles OpenSSL and Python again (seen here: e2e-debian's second policy
# rebuilt its Debian 12 cell for 8 minutes). A base of its own keeps one run's layers apart from the other's.
# Idempotent: skips when TAG exists and is labelled from IMAGE's current id.
set -euo pipefail
SELF="$(basename "$0")"
log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ $# -eq 2 ] || { echo "Usage: $SELF IMAGE TAG   (e.g. $SELF local/debian:bookworm local/debian:bookworm-split)" >&2; exit 2; }
IMAGE="$1"
TAG="$2"
id="$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null)" || die "no image $IMAGE in the engine (make it first: make-base-image.sh)"
if [ "$(docker image inspect --format '{{index .Config.Labels "dev.pythonfips.e2e.base-of"}}' "$TAG" 2>/dev/null || true)" = "$id" ]; then
  log "image $TAG already made from $IMAGE ($id); skipping"
  exit 0
fi
printf 'FROM %s\nLABEL dev.pythonfips.e2e.base-of="%s" dev.pythonfips.e2e.base-tag="%s"\n' "$IMAGE" "$id" "$TAG" \
  | docker build -q -t "$TAG" - >/dev/null
log "made $TAG from $IMAGE ($id): $(docker image inspect --format '{{.Id}}' "$TAG")"
