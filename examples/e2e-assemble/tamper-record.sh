#!/usr/bin/env bash
# Run 6 of this IT: a copy of e2e-split-provider's record whose per-platform push names a digest the registry does not
# serve (the digest of other bytes), in target/tampered/images.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/target/tampered"
other="sha256:$(printf 'not an image' | sha256sum | cut -d' ' -f1)"
jq --arg d "$other" '(.cells[] | .pushes[]?.digest) |= $d' "$here/../e2e-split-provider/target/fips/images.json" \
  > "$here/target/tampered/images.json"
echo "[tamper-record] pushes of the split cell now name $other"
