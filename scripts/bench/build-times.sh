#!/bin/sh
# Cold build time of one cell and rebuild time of a second cell, from generated build contexts.
#
#   scripts/bench/build-times.sh CONTEXT_DIR [SECOND_CONTEXT_DIR]
#
# CONTEXT_DIR is built with --no-cache (cold: every layer built, the base image already present). SECOND_CONTEXT_DIR
# (e.g. the same distro + OpenSSL + provider with another Python version) is then built WITH the cache, and the
# steps it reused are listed: its FIPS module and OpenSSL layers should say "Using cache".
# Prints wall-clock seconds per build and the ratio second/cold. Images are tagged python-fips-bench/build-{1,2}.
# Logs: $BENCH_LOGDIR (default: a temporary folder, printed).
set -eu
first="${1:?usage: build-times.sh CONTEXT_DIR [SECOND_CONTEXT_DIR]}"
second="${2:-}"
logs="${BENCH_LOGDIR:-$(mktemp -d)}"
mkdir -p "$logs"

build() {  # build DIR TAG LOG [--no-cache]
  t0=$(date +%s)
  # shellcheck disable=SC2086  # optional flag, empty or --no-cache
  docker build ${4:-} --network host -t "$2" "$1" > "$3" 2>&1 || { echo "build of $1 failed: see $3" >&2; exit 1; }
  echo $(($(date +%s) - t0))
}

cold=$(build "$first" python-fips-bench/build-1 "$logs/cold.log" --no-cache)
echo "cold build of $(basename "$first"): $cold s (log $logs/cold.log)"
if [ -n "$second" ]; then
  again=$(build "$second" python-fips-bench/build-2 "$logs/second.log")
  echo "second cell $(basename "$second"): $again s, $(awk -v a="$again" -v c="$cold" 'BEGIN { printf "%.2f", a / c }')x the cold build (log $logs/second.log)"
  echo "steps reused from the cache:"
  awk '/^Step /{ step = $0 } /Using cache/{ print "  " step }' "$logs/second.log"
fi
