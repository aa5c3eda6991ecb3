#!/bin/sh
# The CPU kernels of several images against one reference, side by side on this machine: for comparing builds of
# the same cell (an optimisation, a training, a linkage) with each other and with the distro's own interpreter.
#
#   scripts/bench/kernels-side-by-side.sh ROUNDS REFERENCE_IMAGE IMAGE...
#
# Each round runs kernels.py (best of 3 repetitions per kernel) once in every image, the order rotated by one image
# per round, so a drift of the machine's speed hits each image in every position. Everything runs in containers
# (`docker run --rm --network none`, non-root, BENCH_UID default 10001).
# Prints per round the speed of each IMAGE against REFERENCE_IMAGE (geometric mean over the kernels of reference
# time / image time: > 1.00 is faster), then per IMAGE: the median, min and max of those round figures, the rounds it
# was ahead in, and the median per kernel. To compare two of the IMAGEs with each other, divide their figures of the
# same round (the rounds are paired). scripts/bench/run.sh measures one image in full (start-up, crypto, size).
set -eu
usage="usage: kernels-side-by-side.sh ROUNDS REFERENCE_IMAGE IMAGE..."
ROUNDS="${1:?$usage}"
REF="${2:?$usage}"
shift 2
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
case "$ROUNDS" in *[!0-9]*|'') echo "kernels-side-by-side.sh: ROUNDS must be a number: $ROUNDS" >&2; exit 2 ;; esac
BUID="${BENCH_UID:-10001}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=$(( $# + 1 ))
i=0
for image in "$REF" "$@"; do
  docker image inspect "$image" >/dev/null 2>&1 || { echo "kernels-side-by-side.sh: no image $image" >&2; exit 2; }
  printf '%s\n' "$image" > "$tmp/name$i"
  i=$((i + 1))
done

echo "== kernels, $ROUNDS rounds, $(nproc) cores; speed against $REF (> 1.00: faster)"
r=0
while [ "$r" -lt "$ROUNDS" ]; do
  j=0
  while [ "$j" -lt "$n" ]; do
    k=$(( (j + r) % n ))
    docker run --rm --network none --user "$BUID:$BUID" -v "$here:/bench:ro" "$(cat "$tmp/name$k")" sh -c \
      'exec "$(command -v python3 || echo /opt/python-fips/bin/python3)" /bench/kernels.py kernels 3' > "$tmp/r$r-i$k"
    j=$((j + 1))
  done
  line="round $((r + 1)):"
  k=1
  while [ "$k" -lt "$n" ]; do  # this round's speed of image k: geometric mean of reference time / image time
    paste "$tmp/r$r-i0" "$tmp/r$r-i$k" | awk '{ s += log($3 / $6); c++ } END { printf "%.4f\n", exp(s / c) }' >> "$tmp/speed$k"
    line="$line $(tail -1 "$tmp/speed$k" | awk '{ printf "%.3f", $1 }')"
    k=$((k + 1))
  done
  echo "$line"
  r=$((r + 1))
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m }'; }
k=1
while [ "$k" -lt "$n" ]; do
  rounds=$(cat "$tmp/speed$k")
  echo "== $(cat "$tmp/name$k"): median $(printf '%s\n' "$rounds" | median)," \
    "min $(printf '%s\n' "$rounds" | sort -n | head -1), max $(printf '%s\n' "$rounds" | sort -n | tail -1)," \
    "ahead in $(printf '%s\n' "$rounds" | awk '$1 > 1 { c++ } END { print c + 0 }') of $ROUNDS rounds; per kernel (median):"
  cut -d' ' -f2 "$tmp/r0-i0" | while IFS= read -r kernel; do
    printf '   %-20s %s\n' "$kernel" "$(r=0; while [ "$r" -lt "$ROUNDS" ]; do
      paste "$tmp/r$r-i0" "$tmp/r$r-i$k" | awk -v k="$kernel" '$2 == k { print $3 / $6 }'
      r=$((r + 1)); done | median)"
  done
  k=$((k + 1))
done
