#!/usr/bin/env bash
# Removes from the engine every platform image recorded in target/fips-multi/images.json (by image id, with all their
# tags), so the following fips:verify must pull each platform by the digest recorded for the pushed manifest list.
set -euo pipefail
record="${1:-target/fips-multi/images.json}"
command -v jq >/dev/null 2>&1 || { apt-get -o DPkg::Lock::Timeout=600 install -y -q jq >&2; }
jq -r '.cells[] | select((.pushes | length) > 0) | .platformImages[].imageId' "$record" | while read -r id; do
  echo "[drop-platform-images] docker rmi -f $id"
  docker rmi -f "$id" >/dev/null
done
