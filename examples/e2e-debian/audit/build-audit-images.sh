#!/usr/bin/env bash
# Builds the three application images fips:audit checks in runs 9-11, each FROM run 1's Debian 12 image as pushed and
# pulled again by digest (images.json): audit-e2e:clean (the app's code only: GREEN), audit-e2e:venv-libssl (a
# virtualenv package carrying Debian 12's libssl3 files: RED) and audit-e2e:static-ext (an extension module linked
# against Debian 12's libcrypto.a: RED).
set -euo pipefail
cd "$(dirname "$0")"
record="${1:-../target/fips/images.json}"
cell=3.11.2-debian12-openssl3.0.20
base=$(jq -r --arg id "$cell" '.cells[] | select(.id == $id) | .pushes[0].pinned' "$record")
if [ -z "$base" ] || [ "$base" = null ]; then
  echo "[build-audit-images] no pushed image of $cell in $record" >&2
  exit 1
fi
for app in clean venv-libssl static-ext; do
  echo "[build-audit-images] audit-e2e:$app FROM $base"
  timeout 900 docker build --network host --build-arg "BASE=$base" -f "Dockerfile.$app" -t "audit-e2e:$app" . >&2
done
