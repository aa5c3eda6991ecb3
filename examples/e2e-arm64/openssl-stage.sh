#!/usr/bin/env bash
# Run 2 of this IT: the quick arm64 answer, before the whole cell is compiled under emulation: the generated
# context's build stage up to its OpenSSL step, built for linux/arm64, and the FIPS module's self-tests run there
# (scripts/e2e/openssl-stage-check.sh). Its layers are the ones run 3's fips:build then reuses.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
"$root/scripts/e2e/openssl-stage-check.sh" --platform linux/arm64 "$(dirname "$0")/target/fips/3.11.2-debian12-openssl3.0.20"
