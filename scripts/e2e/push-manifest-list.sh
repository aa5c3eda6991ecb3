#!/usr/bin/env bash
# Publishes local single-platform images as ONE multi-platform reference (a Docker manifest list) in a registry,
# e.g. the debootstrap base images of scripts/e2e/make-base-image.sh, so multi-platform cells can pin each platform's
# base by digest. Idempotent: the same images give the same list digest.
set -euo pipefail
SELF=$(basename "$0")
log() { echo "[$SELF] $*"; }
die() { echo "[$SELF] ERROR: $*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: $SELF TARGET IMAGE [IMAGE...]

  TARGET  registry/repository:tag of the manifest list, e.g. 127.0.0.1:5000/debian:bookworm
          (plain HTTP for 127.0.0.1/localhost registries, HTTPS otherwise; anonymous registries only)
  IMAGE   local images, one per platform (their platform is read from the engine), e.g.
          local/debian:bookworm local/debian:bookworm-arm64

Each IMAGE is pushed as TARGET-<os>-<arch>, then a manifest list naming those manifests is PUT as TARGET.
Needs docker, curl and jq. Prints the list's digest; TARGET@<digest> pins it.

Example (the e2e base images as one list on the local registry of ensure-registry.sh):
  $SELF 127.0.0.1:5000/debian:bookworm local/debian:bookworm local/debian:bookworm-arm64
EOF
}

[ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ] && { usage; exit 0; }
[ $# -ge 2 ] || { usage >&2; exit 2; }
for tool in docker curl jq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install -y $tool)"
done

target=$1; shift
case "$target" in
  */*:*) ;;
  *) die "TARGET must be registry/repository:tag, got $target" ;;
esac
registry=${target%%/*}
rest=${target#*/}
repository=${rest%:*}
tag=${rest##*:}
case "$registry" in
  127.*|localhost|localhost:*) scheme=http ;;
  *) scheme=https ;;
esac
api="$scheme://$registry/v2/$repository/manifests"
accept="application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json"

entries="[]"
for image in "$@"; do
  platform=$(docker image inspect --format '{{.Os}}/{{.Architecture}}{{if .Variant}}/{{.Variant}}{{end}}' "$image") \
    || die "no local image $image"
  os=${platform%%/*}; arch_variant=${platform#*/}; arch=${arch_variant%%/*}
  variant=""; [ "$arch_variant" != "$arch" ] && variant=${arch_variant#*/}
  suffix="$os-$arch${variant:+-$variant}"
  ref="$registry/$repository:$tag-$suffix"
  log "$image ($platform) -> $ref"
  docker tag "$image" "$ref"
  docker push -q "$ref" >/dev/null || die "docker push $ref failed"
  headers=$(mktemp); body=$(mktemp)
  curl -fsS -H "Accept: $accept" -D "$headers" -o "$body" "$api/$tag-$suffix" || die "cannot read back $ref"
  digest=$(tr -d '\r' < "$headers" | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
  media=$(tr -d '\r' < "$headers" | awk -F': ' 'tolower($1)=="content-type"{print $2}')
  size=$(wc -c < "$body" | tr -d ' ')
  rm -f "$headers" "$body"
  [ -n "$digest" ] || die "the registry sent no digest for $ref"
  entries=$(jq -c --arg m "$media" --arg d "$digest" --argjson s "$size" --arg os "$os" --arg a "$arch" --arg v "$variant" \
    '. + [{mediaType: $m, size: $s, digest: $d, platform: ({architecture: $a, os: $os} + (if $v == "" then {} else {variant: $v} end))}]' \
    <<<"$entries")
done

list=$(jq -n --argjson m "$entries" \
  '{schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.list.v2+json", manifests: $m}')
headers=$(mktemp)
printf '%s' "$list" | curl -fsS -X PUT -H "Content-Type: application/vnd.docker.distribution.manifest.list.v2+json" \
  --data-binary @- -D "$headers" -o /dev/null "$api/$tag" || die "the registry refused the manifest list $target"
digest=$(tr -d '\r' < "$headers" | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
rm -f "$headers"
log "manifest list $target ($# platforms): $digest"
echo "$digest"
