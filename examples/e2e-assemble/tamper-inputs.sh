#!/usr/bin/env bash
# Run 8 of this IT: an arm64 "job record" of the Debian 12 cell that claims other build inputs: e2e-debian's record of
# the cell, relabelled linux/arm64 (its push under the arm64 tag, the same digest, which the registry serves), with
# another buildInputs; in target/other-inputs/images.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/target/other-inputs"
other="sha256:$(printf 'other inputs' | sha256sum | cut -d' ' -f1)"
jq --arg i "$other" '.cells |= map(select(.id == "3.11.2-debian12-openssl3.0.20")
    | .platforms = ["linux/arm64"] | .buildInputs = $i
    | .pushes |= map(select(.reference | endswith("-linux-amd64")) | .reference |= sub("-linux-amd64$"; "-linux-arm64")))' \
  "$here/../e2e-debian/target/fips/images.json" > "$here/target/other-inputs/images.json"
echo "[tamper-inputs] the arm64 record of 3.11.2-debian12-openssl3.0.20 now claims build inputs $other"
