#!/usr/bin/env bash
# ci-cold.sh - time `.ci/run` cold, as CI runs it on a clean clone: no Docker image or build layer
# (docker system prune -af), an empty local registry, no source mirror, no Maven artifacts or wrapper the machine did
# not come with (--m2-since). With --load, another build holds one core for the whole run: OpenSSL's own `make -j1`
# of a tarball from the mirror, pinned to the last CPU with taskset, in a loop.
# Prints .ci/run's own step table (its last lines) and the wall time; the whole log stays in the output folder.
#
#   scripts/bench/ci-cold.sh [--load | --loaded-by TEXT] [--fresh-engine] [--m2-since "2026-12-06 08:52"] [--out DIR] [REPO]
set -euo pipefail

SELF="$(basename "$0")"
LOAD=0
LOADED_BY=""
FRESH=0
FRESH_NAME=python-fips-docker-cold
FRESH_SOCK="/run/$FRESH_NAME.sock"
M2_SINCE=""
OUT=""
REPO=""
usage() {
  cat <<USAGE
Usage: $SELF [--load | --loaded-by TEXT] [--fresh-engine] [--m2-since DATE] [--out DIR] [REPO]

Clones REPO (default: this checkout) into a fresh folder and runs CI=true bash .ci/run there, cold:
  - docker system prune -af (every image, build layer and stopped container of the engine), and the second engine
    (tcp://127.0.0.1:2375) stopped with its data root emptied: .ci/run starts it again with no layer,
  - the local registry's storage emptied (scripts/e2e/ensure-registry.sh starts it again),
  - the source mirror removed (\${PYTHON_FIPS_MIRROR:-\$HOME/.cache/python-fips/mirror}),
  - with --m2-since DATE: every file of ~/.m2 written after DATE removed, and the Maven wrapper's download
    (give the moment the machine came up: what it came with stays).
  --load       another build holds one core: OpenSSL 3.0.20's make -j1 (from the mirror's tarball, unpacked
               before the mirror is removed) pinned to the last CPU, in a loop, until the run ends
  --loaded-by TEXT
               another build already holds one core (started by you, e.g. an emulated arm64 build pinned to the last
               CPU with taskset): TEXT names it in the summary line; nothing is started
  --fresh-engine
               leave this machine's own engine (and the layers another build needs) alone: .ci/run runs against a
               fresh dockerd (its own, emptied data root /var/lib/$FRESH_NAME; unix://$FRESH_SOCK) through
               DOCKER_HOST, as cold as a pruned engine; stopped at the end. (A unix socket: fabric8 speaks plain
               HTTP to tcp:// on port 2375 only, which the e2e's second engine has.)
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
    --fresh-engine) FRESH=1; shift ;;
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
fresh_engine_stop() {
  local pid
  if [ -s "/run/$FRESH_NAME.pid" ] && pid=$(cat "/run/$FRESH_NAME.pid") && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    log "WARNING: the fresh engine (pid $pid) did not stop within 60 s"
  fi
}
if [ "$FRESH" -eq 1 ]; then
  fresh_engine_stop
  # the data root only: the exec root keeps a network namespace mount while the machine runs
  if [ -d "/var/lib/$FRESH_NAME" ]; then find "/var/lib/$FRESH_NAME" -mindepth 1 -maxdepth 1 -exec rm -rf {} +; fi
  mkdir -p "/var/lib/$FRESH_NAME" "/run/$FRESH_NAME"
  setsid nohup dockerd -H "unix://$FRESH_SOCK" --data-root "/var/lib/$FRESH_NAME" --exec-root "/run/$FRESH_NAME" \
    --pidfile "/run/$FRESH_NAME.pid" --bridge=none --iptables=false >>"/var/log/$FRESH_NAME.log" 2>&1 </dev/null &
  export DOCKER_HOST="unix://$FRESH_SOCK"
  trap fresh_engine_stop EXIT
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { log "ERROR: the fresh engine did not answer within 60 s (/var/log/$FRESH_NAME.log)"; exit 1; }
  log "cold: a fresh engine on $DOCKER_HOST (this machine's own engine is left alone), empty registry storage, no mirror"
else
  log "cold: docker system prune -af, empty registry storage, no mirror"
fi
if docker info >/dev/null 2>&1; then docker system prune -af >/dev/null; fi
# The second engine's too (scripts/e2e/ensure-second-engine.sh; e2e-split-provider builds there): stopped and its data
# root emptied, so .ci/run starts it as CI does, with no layer. (A prune alone misses an engine that is not running:
# .ci/run would start it on its old data root with every layer of the last run.)
"$REPO/scripts/e2e/ensure-second-engine.sh" --port 2375 --stop
# (its contents: dockerd bind-mounts a data root onto itself, and the mount outlives it)
if [ -d /var/lib/python-fips-docker-2375 ]; then find /var/lib/python-fips-docker-2375 -mindepth 1 -maxdepth 1 -exec rm -rf {} +; fi
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
  if [ "$FRESH" -eq 1 ]; then fresh_engine_stop; fi
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
echo "ci-cold: $machine$( [ "$FRESH" -eq 1 ] && echo ", fresh engine $DOCKER_HOST"), exit $rc, wall $(( t1 - t0 )) s ($(( (t1 - t0) / 60 )) min $(( (t1 - t0) % 60 )) s); log $OUT/ci.log"
exit "$rc"
