#!/usr/bin/env bash
# ensure-docker.sh - make sure a local Docker engine answers `docker info`.
#
# If no engine answers: install Debian's docker.io when dockerd is missing, then
# start dockerd in the background with host-only networking (no bridge, no
# iptables rules; containers must use --network host|none) and wait for it.
set -euo pipefail

SELF="$(basename "$0")"
LOG_FILE="${PYTHON_FIPS_DOCKERD_LOG:-/var/log/python-fips-dockerd.log}"
TIMEOUT="${PYTHON_FIPS_DOCKERD_TIMEOUT:-60}"

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [--timeout SECONDS] [--help]

Ensures a Docker engine answers \`docker info\` on this machine.
  - installs docker.io via apt-get when dockerd is missing (needs root),
  - starts dockerd in the background with --bridge=none --iptables=false,
    logging to $LOG_FILE,
  - waits up to $TIMEOUT s for the engine.
Containers and builds must then use --network host or --network none.
Idempotent: exits 0 at once if the engine already answers.

Environment: PYTHON_FIPS_DOCKERD_LOG (log file), PYTHON_FIPS_DOCKERD_TIMEOUT (seconds).
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs a value"; TIMEOUT="$2"; shift 2 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

engine_answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  log "Docker engine already answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  die "no Docker engine answers and starting one needs root"
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "dockerd not found: installing docker.io with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Other processes may be using apt/dpkg at the same time: wait for the lock.
  APT=(apt-get -o DPkg::Lock::Timeout=600)
  "${APT[@]}" install -y docker.io >&2 || { log "apt-get install failed; running apt-get update and retrying"; "${APT[@]}" update >&2; "${APT[@]}" install -y docker.io >&2; }
fi
command -v dockerd >/dev/null 2>&1 || die "dockerd still missing after installing docker.io"
command -v docker >/dev/null 2>&1 || die "docker client missing"

# the default engine's own pid file (a second engine, scripts/e2e/ensure-second-engine.sh, has another)
if [ -s /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  log "dockerd is already running (pid $(cat /var/run/docker.pid)); waiting for it instead of starting another"
else
  log "starting dockerd --bridge=none --iptables=false (log: $LOG_FILE)"
  mkdir -p "$(dirname "$LOG_FILE")"
  # setsid: detach from the caller's process group so it outlives the calling job.
  setsid nohup dockerd --bridge=none --iptables=false >>"$LOG_FILE" 2>&1 </dev/null &
  log "dockerd started with pid $!"
fi

for ((i = 0; i < TIMEOUT; i++)); do
  if engine_answers; then
    log "Docker engine answers after ${i}s ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    exit 0
  fi
  sleep 1
done
log "last lines of $LOG_FILE:"
tail -n 20 "$LOG_FILE" >&2 || true
die "Docker engine did not answer within ${TIMEOUT}s"
