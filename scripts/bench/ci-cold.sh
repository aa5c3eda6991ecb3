#!/usr/bin/env bash
# ci-cold.sh - time `.ci/run` cold, as CI runs it on a clean clone: no Docker image or build layer
# (docker system prune -af), an empty local registry, no source mirror, no Maven artifacts or wrapper the machine did
# not come with (--m2-since). With --load, another build holds one core for the whole run: OpenSSL's own `make -j1`
# of a tarball from the mirror, pinned to the last CPU with taskset, in a loop.
# Prints .ci/run's own step table (its last lines) and the wall time; the whole log stays in the output folder.
#
#   scripts/bench/ci-cold.sh [--load | --loaded-by TEXT] [--engine-port PORT] [--m2-since "2026-12-06 08:52"] [--out DIR] [REPO]
set -euo pipefail

SELF="$(basename "$0")"
LOAD=0
LOADED_BY=""
ENGINE_PORT=""
M2_SINCE=""
OUT=""
REPO=""
usage() {
  cat <<USAGE
Usage: $SELF [--load | --loaded-by TEXT] [--engine-port PORT] [--m2-since DATE] [--out DIR] [REPO]

Clones REPO (default: this checkout) into a fresh folder and runs CI=true bash .ci/run there, cold:
  - docker system prune -af (every image, build layer and stopped container of both engines),
  - the local registry's storage emptied (scripts/e2e/ensure-registry.sh starts it again),
  - the source mirror removed (\${PYTHON_FIPS_MIRROR:-\$HOME/.cache/python-fips/mirror}),
  - with --m2-since DATE: every file of ~/.m2 written after DATE removed, and the Maven wrapper's download
    (give the moment the machine came up: what it came with stays).
  --load       another build holds one core: OpenSSL 3.0.20's make -j1 (from the mirror's tarball, unpacked
               before the mirror is removed) pinned to the last CPU, in a loop, until the run ends
  --loaded-by TEXT
               another build already holds one core (started by you, e.g. an emulated arm64 build pinned to the last
               CPU with taskset): TEXT names it in the summary line; nothing is started
  --engine-port PORT
               leave this machine's own engine (and the layers another build needs) alone: .ci/run runs against a
               fresh engine on tcp://127.0.0.1:PORT (e.g. 2378; scripts/e2e/ensure-second-engine.sh, its data root emptied
               first) through DOCKER_HOST, which is as cold as a pruned one; stopped at the end
  --out DIR    where the log goes (default: a new folder under /tmp)
Needs root (Docker, apt) and the mirror's openssl-3.0.20.tar.gz for --load.
USAGE
}
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --load) LOAD=1; shift ;;
    --m2-since) [ $# -ge 2 ] || { usage >&2; exit 2; }; M2_SINCE="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; OUT="$2"; shift 2 ;;
    --loaded-by) [ $# -ge 2 ] || { usage >&2; exit 2; }; LOADED_BY="$2"; shift 2 ;;
    --engine-port) [ $# -ge 2 ] || { usage >&2; exit 2; }; ENGINE_PORT="$2"; shift 2 ;;
    -*) usage >&2; exit 2 ;;
    *) REPO="$1"; shift ;;
  esac
done
REPO="${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}"
OUT="${OUT:-$(mktemp -d /tmp/ci-cold.XXXXXX)}"
mkdir -p "$OUT"
MIRROR="${PYTHON_FIPS_MIRROR:-$HOME/.cache/python-fips/mirror}"
log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }

load_pid=""
if [ "$LOAD" -eq 1 ]; then
  tarball="$MIRROR/openssl-3.0.20.tar.gz"
  [ -f "$tarball" ] || { log "ERROR: --load needs $tarball (run scripts/fetch-debian-sources.sh once)"; exit 1; }
  rm -rf "$OUT/load" && mkdir -p "$OUT/load"
  tar xzf "$tarball" -C "$OUT/load"
  (cd "$OUT/load/openssl-3.0.20" && ./Configure >/dev/null)
fi

[ "$LOAD" -eq 1 ] && [ -n "$LOADED_BY" ] && { log "ERROR: --load and --loaded-by: give one"; exit 2; }
if [ -n "$ENGINE_PORT" ]; then
  # 2375 is the e2e's second engine; on 2376, Docker's TLS port, fabric8 speaks TLS to a plain-TCP engine
  case "$ENGINE_PORT" in ''|*[!0-9]*|2375|2376) log "ERROR: --engine-port must be a number other than 2375 (the e2e's second engine) and 2376 (fabric8 speaks TLS there)"; exit 2 ;; esac
  # a fresh engine: stopped if it runs, its data root removed, started again empty
  "$REPO/scripts/e2e/ensure-second-engine.sh" --port "$ENGINE_PORT" --stop
  rm -rf "/var/lib/python-fips-docker-$ENGINE_PORT"
  "$REPO/scripts/e2e/ensure-second-engine.sh" --port "$ENGINE_PORT"
  export DOCKER_HOST="tcp://127.0.0.1:$ENGINE_PORT"
  log "cold: a fresh engine on $DOCKER_HOST (this machine's own engine is left alone), empty registry storage, no mirror"
else
  log "cold: docker system prune -af, empty registry storage, no mirror"
fi
if docker info >/dev/null 2>&1; then docker system prune -af >/dev/null; fi
# the second engine's too (scripts/e2e/ensure-second-engine.sh; e2e-split-provider builds there)
if DOCKER_HOST=tcp://127.0.0.1:2375 docker info >/dev/null 2>&1; then DOCKER_HOST=tcp://127.0.0.1:2375 docker system prune -af >/dev/null; fi
if [ -d /var/lib/python-fips-registry/5000 ]; then
  "$REPO/scripts/e2e/ensure-registry.sh" --port 5000 --stop || true
  rm -rf /var/lib/python-fips-registry/5000/data
fi
rm -rf "$MIRROR"
if [ -n "$M2_SINCE" ]; then
  find "$HOME/.m2" -type f -newermt "$M2_SINCE" -delete
  rm -rf "$HOME/.m2/wrapper"
fi

clone="$OUT/clone"
rm -rf "$clone"
git clone -q "$REPO" "$clone"
log "clone of $(git -C "$clone" rev-parse --short HEAD) in $clone; log: $OUT/ci.log"

if [ "$LOAD" -eq 1 ]; then
  cpu=$(( $(nproc) - 1 ))
  # a build of its own, as another job on the same machine would run one: one core, never done
  setsid taskset -c "$cpu" bash -c "cd '$OUT/load/openssl-3.0.20' && while :; do make -s clean; make -s -j1 >/dev/null 2>&1; done" \
    </dev/null >/dev/null 2>&1 &
  load_pid=$!
  log "load: OpenSSL make -j1 in a loop on CPU $cpu (pid $load_pid)"
fi
stop_load() {
  if [ -n "$load_pid" ]; then kill -- -"$load_pid" 2>/dev/null || true; fi
  if [ -n "$ENGINE_PORT" ]; then "$REPO/scripts/e2e/ensure-second-engine.sh" --port "$ENGINE_PORT" --stop || true; fi
}
trap stop_load EXIT

t0=$(date +%s)
rc=0
(cd "$clone" && CI=true timeout 5400 bash .ci/run) > "$OUT/ci.log" 2>&1 || rc=$?
t1=$(date +%s)
stop_load
sed -n '/^=== .ci\/run: step times/,$p' "$OUT/ci.log"
if [ "$LOAD" -eq 1 ]; then machine="with one core held by another build (OpenSSL make -j1 on CPU $cpu)"
elif [ -n "$LOADED_BY" ]; then machine="with one core held by another build ($LOADED_BY)"
else machine="quiet machine"; fi
echo "ci-cold: $machine$( [ -n "$ENGINE_PORT" ] && echo ", fresh engine $DOCKER_HOST"), exit $rc, wall $(( t1 - t0 )) s ($(( (t1 - t0) / 60 )) min $(( (t1 - t0) % 60 )) s); log $OUT/ci.log"
exit "$rc"
