#!/usr/bin/env bash
# Run 0 of this IT: publishes the local amd64 and arm64 Debian 12 base images as one manifest list on the local registry.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
"$root/scripts/e2e/push-manifest-list.sh" 127.0.0.1:5000/debian:bookworm local/debian:bookworm local/debian:bookworm-arm64
