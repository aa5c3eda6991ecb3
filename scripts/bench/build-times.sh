#!/bin/sh
# Cold build time of one cell and rebuild time of a second cell, from generated build contexts.
#
#   scripts/bench/build-times.sh CONTEXT_DIR [SECOND_CONTEXT_DIR]
#
# CONTEXT_DIR is built with --no-cache (cold: every layer built, the base image already present). SECOND_CONTEXT_DIR
# (e.g. the same distro + OpenSSL + provider with another Python version) is then built WITH the cache, and the
# steps it reused are listed: its FIPS module and OpenSSL layers should say "Using cache". With BENCH_SECOND_COLD=1
# the second cell is built once more with --no-cache, so its cached rebuild is also compared with its own cold time.
# Prints wall-clock seconds per build, the slowest steps of each (seconds from one "Step" line to the next), and
# the ratios. Images are tagged python-fips-bench/build-{1,2,3}. Classic builder (DOCKER_BUILDKIT=0), as fabric8.
# Logs: $BENCH_LOGDIR (default: a temporary folder, printed).
set -eu
first="${1:?usage: build-times.sh CONTEXT_DIR [SECOND_CONTEXT_DIR]}"
second="${2:-}"
logs="${BENCH_LOGDIR:-$(mktemp -d)}"
mkdir -p "$logs"

build() {  # build DIR TAG LOG [--no-cache]: prints the wall-clock seconds; the log's Step lines carry "@<epoch>"
  t0=$(date +%s)
  # shellcheck disable=SC2086  # optional flag, empty or --no-cache
  { DOCKER_BUILDKIT=0 docker build ${4:-} --network host -t "$2" "$1" 2>&1; echo "build-exit $?"; } \
    | while IFS= read -r line; do
        case "$line" in Step\ *) printf '@%s %s\n' "$(date +%s)" "$line" ;; *) printf '%s\n' "$line" ;; esac
      done > "$3"
  grep -q '^build-exit 0$' "$3" || { echo "build of $1 failed: see $3" >&2; exit 1; }
  echo $(($(date +%s) - t0))
}

slowest() {  # slowest LOG END: the five longest steps of a build
  awk -v end="$2" '/^@[0-9]+ Step /{ t = substr($1, 2); if (prev != "") print t - pt, prev; prev = substr($0, length($1) + 2); pt = t }
                   END { if (prev != "") print end - pt, prev }' "$1" | sort -rn | head -5 | cut -c1-110 | sed 's/^/    /'
}

cold=$(build "$first" python-fips-bench/build-1 "$logs/cold.log" --no-cache)
echo "cold build of $(basename "$first"): $cold s (log $logs/cold.log); slowest steps (s):"
slowest "$logs/cold.log" "$(date +%s)"
if [ -n "$second" ]; then
  again=$(build "$second" python-fips-bench/build-2 "$logs/second.log")
  echo "second cell $(basename "$second") with the cache: $again s, $(awk -v a="$again" -v c="$cold" 'BEGIN { printf "%.2f", a / c }')x the first cell's cold build (log $logs/second.log); slowest steps (s):"
  slowest "$logs/second.log" "$(date +%s)"
  echo "steps reused from the cache:"
  awk '/^@[0-9]+ Step /{ step = substr($0, length($1) + 2) } /Using cache/{ print "  " step }' "$logs/second.log" | cut -c1-110
  if [ "${BENCH_SECOND_COLD:-0}" = 1 ]; then
    own=$(build "$second" python-fips-bench/build-3 "$logs/second-cold.log" --no-cache)
    echo "second cell $(basename "$second") cold: $own s (log $logs/second-cold.log); its rebuild with the cache took" \
      "$(awk -v a="$again" -v c="$own" 'BEGIN { printf "%.2f", a / c }')x its own cold time; slowest steps (s):"
    slowest "$logs/second-cold.log" "$(date +%s)"
  fi
fi
