#!/usr/bin/env bash
# Run 3 of this IT: this engine never built e2e-split-provider's cell (the second engine did); an earlier run may have
# pulled it here. Remove it from this engine (never from the second), so run 4 must pull it by its digest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jq -r '.cells[].imageId' "$here/../e2e-split-provider/target/fips/images.json" | while read -r id; do
  if docker image inspect "$id" >/dev/null 2>&1; then
    echo "[drop-pulled-images] docker rmi -f $id (this engine's copy)"
    docker rmi -f "$id" >/dev/null
  fi
done
