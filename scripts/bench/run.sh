#!/bin/sh
# Benchmark of a python-fips image against a same-version reference interpreter, side by side on this machine.
#
#   scripts/bench/run.sh IMAGE [REFERENCE_IMAGE]
#
# IMAGE            an image built by python-fips (any cell).
# REFERENCE_IMAGE  default: python-fips-bench/debian-python3:<base tag>, built here when missing from IMAGE's base
#                  image (label org.opencontainers.image.base.name, or BENCH_BASE) + `apt-get install python3`
#                  (the distro's own build of CPython: Debian's is PGO+LTO). Building it needs --network host.
# Environment: BENCH_RUNS (alternating rounds, default 5; 0: size and bytecode only), BENCH_BASE (base image), BENCH_UID (default 10001).
#
# Everything runs in containers (`docker run --rm --network none`, non-root), the two images in turn (A B, then B A
# in the next round, ..) so a drift of the machine's speed hits both. Figures are medians over the rounds (min in
# brackets), and "paired": the median over the rounds of each round's own ratio (A and B measured seconds apart),
# which a slow minute of a shared machine moves far less than the ratio of the two medians:
#  - kernels: pure-Python CPU kernels (kernels.py), best of 3 repetitions per round; speed = reference time /
#    our time (>= 1.00: we are at least as fast); overall: geometric mean.
#  - start-up: `python3 -c pass` and a few common imports, timed from inside the container (no docker overhead);
#    ratio = our time / reference time (<= 1.00: we start at least as fast).
#  - crypto: sha256 and HMAC-SHA256 throughput in IMAGE: through Python's hashlib/hmac (the FIPS provider, the
#    image's own config), and through the image's own OpenSSL (`openssl speed`, the real binary behind the fail-closed
#    wrapper, with the image's config) once with the FIPS provider's implementations (-propquery provider=fips) and
#    once with the default provider's (-provider default -propquery provider=default,-fips); ratio fips/default of
#    the two `openssl speed` runs. (Python itself cannot run on the default provider: the image fails closed.)
#    And what loading the FIPS provider costs each process (its self-tests run on every load): the image's openssl
#    binary, `openssl version`, with the image's configuration minus without (kernels.py providerload).
#  - size: image, base and reference sizes (docker's uncompressed figure), the layers IMAGE adds to its base
#    (gzip -6 of each layer tar, as a registry push would send them), and what they are made of by kind of file
#    (size-breakdown.py: raw and gzip per kind; needs python3 on the host).
#  - bytecode: stdlib .py files in IMAGE without a .pyc next to them.
# Build times are not measured here (they need a build context): see scripts/bench/build-times.sh.
set -eu
IMAGE="${1:?usage: run.sh IMAGE [REFERENCE_IMAGE]}"
RUNS="${BENCH_RUNS:-5}"
BUID="${BENCH_UID:-10001}"
here=$(cd "$(dirname "$0")" && pwd)
base="${BENCH_BASE:-$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.base.name"}}' "$IMAGE")}"
[ -n "$base" ] || { echo "run.sh: $IMAGE has no base image label; set BENCH_BASE" >&2; exit 2; }
REF="${2:-python-fips-bench/debian-python3:${base##*:}}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! docker image inspect "$REF" >/dev/null 2>&1; then
  echo "== building the reference image $REF ($base + the distro's python3)"
  printf 'FROM %s\nRUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n' "$base" \
    | docker build --network host -q -t "$REF" - >/dev/null
fi

run_in() {  # run_in IMAGE ARGS...: python3 and the kernels, non-root, no network
  img="$1"; shift
  docker run --rm --network none --user "$BUID:$BUID" -v "$here:/bench:ro" "$img" "$@"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -1; }
col() { grep "^$1 $2 " "$tmp/all" | awk '{ print $3 }'; }  # col A|B NAME

ours_v=$(run_in "$IMAGE" python3 -c 'import sys, ssl; print(sys.version.split()[0], "|", ssl.OPENSSL_VERSION)')
ref_v=$(run_in "$REF" python3 -c 'import sys, ssl; print(sys.version.split()[0], "|", ssl.OPENSSL_VERSION)')
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(docker version -f 'Docker {{.Server.Version}}' 2>/dev/null), $RUNS rounds"
echo "   ours (A): $IMAGE: Python $ours_v"
echo "   ref  (B): $REF: Python $ref_v"

if [ "$RUNS" -eq 0 ]; then
  echo "   BENCH_RUNS=0: size and bytecode only (no kernels, start-up or crypto rounds)"
else
# `openssl speed` through one provider's implementations: prints "TAG c_NAME MB/s" for sha256 and hmac-sha256, 1 MiB
# and 64 B buffers
# shellcheck disable=SC2016  # expands in the container
speed='O="$PYTHON_FIPS_PREFIX/libexec/python-fips/openssl"
for b in 1048576:1MiB 64:64B; do
  "$O" speed -mr -seconds 1 -bytes "${b%%:*}" -provider fips -provider default -provider base -propquery "$1" -evp sha256 2>/dev/null \
    | awk -F: -v t="$2" -v n="sha256-${b#*:}" "/^\+F:/ { print t, \"c_\" n, \$NF / 1e6 }"
  "$O" speed -mr -seconds 1 -bytes "${b%%:*}" -provider fips -provider default -provider base -propquery "$1" -hmac sha256 2>/dev/null \
    | awk -F: -v t="$2" -v n="hmac-sha256-${b#*:}" "/^\+F:/ { print t, \"c_\" n, \$NF / 1e6 }"
done'
: > "$tmp/all"
kernels() { run_in "$1" python3 /bench/kernels.py kernels 3 | sed "s/^kernel /$2 k_/"; }
startup() { run_in "$1" python3 /bench/kernels.py startup 10 | sed "s/^startup /$2 s_/"; }
i=1
while [ "$i" -le "$RUNS" ]; do
  echo "   round $i/$RUNS"
  {
    if [ $((i % 2)) -eq 1 ]; then
      kernels "$IMAGE" A; kernels "$REF" B; startup "$IMAGE" A; startup "$REF" B
    else
      kernels "$REF" B; kernels "$IMAGE" A; startup "$REF" B; startup "$IMAGE" A
    fi
    run_in "$IMAGE" python3 /bench/kernels.py crypto | sed 's/^crypto /A c_/'
    run_in "$IMAGE" python3 /bench/kernels.py providerload 10 | sed 's/^load /A l_/'
    run_in "$IMAGE" sh -c "$speed" speed provider=fips F
    run_in "$IMAGE" sh -c "$speed" speed provider=default,-fips D
  } > "$tmp/round.$i"
  cat "$tmp/round.$i" >> "$tmp/all"
  i=$((i + 1))
done
# paired: each round's own ratio, then the median over the rounds
paired_kernels() {  # the geometric mean speed (ref/ours) of each round
  for f in "$tmp"/round.*; do
    awk '$2 ~ /^k_/ { v[$1, $2] = $3; k[$2] = 1 }
         END { s = 0; n = 0; for (x in k) if (v["A", x] > 0 && v["B", x] > 0) { s += log(v["B", x] / v["A", x]); n++ }
               if (n) print exp(s / n) }' "$f"
  done | median
}
paired_startup() {  # paired_startup NAME: ours/ref of each round's medians
  for f in "$tmp"/round.*; do
    awk -v s="$1" '$2 == s && $1 == "A" { a = $4 } $2 == s && $1 == "B" { b = $4 } END { if (a > 0 && b > 0) print a / b }' "$f"
  done | median
}

echo
echo "== CPU kernels (seconds, median [min] of $RUNS rounds; speed = ref/ours, >= 1.00 is as fast or faster)"
printf '%-22s %18s %18s %8s\n' kernel ours ref speed
logsum=0; n=0
# shellcheck disable=SC2013  # names are single words
for k in $(grep '^A k_' "$tmp/all" | awk '{ print $2 }' | awk '!seen[$0]++'); do
  a=$(col A "$k" | median); b=$(col B "$k" | median)
  printf '%-22s %9.3f [%6.3f] %9.3f [%6.3f] %7.2fx\n' "${k#k_}" "$a" "$(col A "$k" | minimum)" "$b" "$(col B "$k" | minimum)" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')"
  logsum=$(awk -v s="$logsum" -v a="$a" -v b="$b" 'BEGIN { print s + log(b / a) }'); n=$((n + 1))
done
printf '%-22s %38s %7.2fx\n' "geometric mean" "" "$(awk -v s="$logsum" -v n="$n" 'BEGIN { print exp(s / n) }')"
printf '%-22s %38s %7.2fx\n' "paired (per round)" "" "$(paired_kernels)"

echo
echo "== start-up (ms per process, median [min]; ratio = ours/ref, <= 1.00 is as fast or faster)"
printf '%-22s %18s %18s %8s %8s\n' command ours ref ratio paired
# shellcheck disable=SC2013
for s in $(grep '^A s_' "$tmp/all" | awk '{ print $2 }' | awk '!seen[$0]++'); do
  a=$(grep "^A $s " "$tmp/all" | awk '{ print $4 }' | median); b=$(grep "^B $s " "$tmp/all" | awk '{ print $4 }' | median)
  amin=$(grep "^A $s " "$tmp/all" | awk '{ print $3 }' | minimum); bmin=$(grep "^B $s " "$tmp/all" | awk '{ print $3 }' | minimum)
  printf '%-22s %9.1f [%6.1f] %9.1f [%6.1f] %7.2fx %7.2fx\n' "${s#s_}" "$a" "$amin" "$b" "$bmin" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')" "$(paired_startup "$s")"
done

echo
echo "== crypto in $IMAGE (MB/s, median of $RUNS rounds; Python fips_mode $(col A c_fips_mode | head -1); ratio = openssl speed FIPS / default)"
printf '%-22s %14s %14s %16s %8s\n' digest "Python (FIPS)" "openssl FIPS" "openssl default" "ratio"
for c in c_sha256-1MiB c_sha256-64B c_hmac-sha256-1MiB c_hmac-sha256-64B; do
  a=$(col A "$c" | median); f=$(col F "$c" | median); d=$(col D "$c" | median)
  if [ -n "$f" ] && [ -n "$d" ] && [ "$(awk -v d="$d" 'BEGIN { print (d > 0) }')" = 1 ]; then
    printf '%-22s %14.1f %14.1f %16.1f %7.2fx\n' "${c#c_}" "$a" "$f" "$d" "$(awk -v f="$f" -v d="$d" 'BEGIN { print f / d }')"
  else
    printf '%-22s %14.1f %14s %16s %8s\n' "${c#c_}" "$a" "${f:-n/a}" "${d:-n/a}" "n/a"
  fi
done

w=$(grep '^A l_with-config ' "$tmp/all" | awk '{ print $4 }' | median)
wmin=$(grep '^A l_with-config ' "$tmp/all" | awk '{ print $3 }' | minimum)
wo=$(grep '^A l_without-config ' "$tmp/all" | awk '{ print $4 }' | median)
if [ -n "$w" ] && [ -n "$wo" ]; then
  printf '%-22s %.1f ms per process (openssl version, median [min]: %.1f [%.1f] ms with the image'"'"'s configuration, %.1f without)\n' \
    "FIPS provider load" "$(awk -v a="$w" -v b="$wo" 'BEGIN { print a - b }')" "$w" "$wmin" "$wo"
else
  printf '%-22s n/a (no PYTHON_FIPS_PREFIX in %s: not an image of ours)\n' "FIPS provider load" "$IMAGE"
fi

fi  # BENCH_RUNS > 0

echo
echo "== size"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
isz=$(docker image inspect -f '{{.Size}}' "$IMAGE"); bsz=$(docker image inspect -f '{{.Size}}' "$base"); rsz=$(docker image inspect -f '{{.Size}}' "$REF")
echo "   image $(mb "$isz"), base $base $(mb "$bsz"): image = base + $(mb $((isz - bsz)))"
echo "   reference $(mb "$rsz"): base + $(mb $((rsz - bsz)))"
nbase=$(docker image inspect -f '{{len .RootFS.Layers}}' "$base")
docker save "$IMAGE" -o "$tmp/image.tar"
gz=0; idx=0
for layer in $(tar -xOf "$tmp/image.tar" manifest.json | grep -o '[0-9a-f]\{64\}/layer.tar'); do
  idx=$((idx + 1))
  [ "$idx" -gt "$nbase" ] || continue
  gz=$((gz + $(tar -xOf "$tmp/image.tar" "$layer" | gzip -6 | wc -c)))
done
echo "   layers added to the base: $((idx - nbase)), $(mb "$gz") gzip; by kind of file:"
if command -v python3 >/dev/null; then
  prefix=$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE" | sed -n 's/^PYTHON_FIPS_PREFIX=//p')
  python3 "$here/size-breakdown.py" "$tmp/image.tar" "$nbase" "${prefix:-/opt/python-fips}"
else
  echo "   (no python3 on this host: the breakdown by kind is skipped)"
fi
rm -f "$tmp/image.tar"

echo
echo "== bytecode (non-root container, stdlib without tests)"
echo "   $(run_in "$IMAGE" python3 /bench/kernels.py bytecode)"
