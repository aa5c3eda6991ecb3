#!/usr/bin/env bash
# Removes from the engine the cell images recorded in target/fips/images.json (by image id, with all their tags),
# so the following fips:verify must use the pushed digests. Never touches base images or anything not recorded.
set -euo pipefail
record="${1:-target/fips/images.json}"
command -v jq >/dev/null 2>&1 || { apt-get -o DPkg::Lock::Timeout=600 install -y -q jq >&2; }
jq -r '.cells[] | select(.imageId != null and (.pushes | length) > 0) | .imageId' "$record" | while read -r id; do
  echo "[drop-recorded-images] docker rmi -f $id"
  docker rmi -f "$id" >/dev/null
done
