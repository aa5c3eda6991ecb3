#!/usr/bin/env bash
# ensure-second-engine.sh - a second Docker engine on this machine, on loopback TCP with its own data root, for the
# end-to-end builds that spread a matrix over several engines (the way CI runners or remote engines do).
set -euo pipefail

SELF="$(basename "$0")"
PORT=2375
TIMEOUT=60
IMAGES=()
STOP=no

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [--port PORT] [--image IMAGE]... [--timeout SECONDS] [--stop] [--help]

Ensures a second Docker engine answers on tcp://127.0.0.1:PORT (default $PORT), beside the machine's own:
  - Debian's dockerd with -H tcp://127.0.0.1:PORT, its own data root /var/lib/python-fips-docker-PORT, exec root
    /run/python-fips-docker-PORT and pid file, --bridge=none --iptables=false (containers use --network host|none),
    logging to /var/log/python-fips-docker-PORT.log; loopback only, so no TLS;
  - waits up to $TIMEOUT s for it (DOCKER_HOST=tcp://127.0.0.1:PORT docker info);
  - --image IMAGE: copies IMAGE from the first engine into it (docker save | docker load) unless it has it.
  --stop stops it. Idempotent: exits 0 at once if it answers. Use it with DOCKER_HOST=tcp://127.0.0.1:PORT, or
  fabric8's <dockerHost> / the docker.host property. Needs root and Debian's docker.io (scripts/e2e/ensure-docker.sh).
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --port) [ $# -ge 2 ] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --image) [ $# -ge 2 ] || die "--image needs a value"; IMAGES+=("$2"); shift 2 ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs a value"; TIMEOUT="$2"; shift 2 ;;
    --stop) STOP=yes; shift ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) die "--port must be a number: $PORT" ;; esac

HOST="tcp://127.0.0.1:$PORT"
NAME="python-fips-docker-$PORT"
PID_FILE="/run/$NAME.pid"
LOG_FILE="/var/log/$NAME.log"
second() { DOCKER_HOST="$HOST" docker "$@"; }
answers() { second info >/dev/null 2>&1; }

if [ "$STOP" = yes ]; then
  # the pid read once: dockerd removes its pid file as it exits
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for ((i = 0; i < TIMEOUT; i++)); do kill -0 "$pid" 2>/dev/null || { log "stopped $HOST"; exit 0; }; sleep 1; done
    die "the engine on $HOST did not stop within ${TIMEOUT}s"
  fi
  log "no engine of ours on $HOST"
  exit 0
fi

if answers; then
  log "the second engine answers on $HOST ($(second version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
else
  [ "$(id -u)" -eq 0 ] || die "starting a Docker engine needs root"
  command -v dockerd >/dev/null 2>&1 || die "dockerd is missing: run scripts/e2e/ensure-docker.sh first (it installs docker.io)"
  if [ -s "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    log "dockerd for $HOST is starting (pid $(cat "$PID_FILE")); waiting for it"
  else
    log "starting dockerd on $HOST, data root /var/lib/$NAME (log: $LOG_FILE)"
    mkdir -p "/var/lib/$NAME" "/run/$NAME"
    setsid nohup dockerd -H "$HOST" --data-root "/var/lib/$NAME" --exec-root "/run/$NAME" --pidfile "$PID_FILE" \
      --bridge=none --iptables=false >>"$LOG_FILE" 2>&1 </dev/null &
  fi
  for ((i = 0; i < TIMEOUT; i++)); do
    answers && break
    sleep 1
  done
  if ! answers; then
    tail -n 20 "$LOG_FILE" >&2 || true
    die "the engine on $HOST did not answer within ${TIMEOUT}s"
  fi
  log "the second engine answers on $HOST after ${i}s"
fi

for image in "${IMAGES[@]}"; do
  if second image inspect "$image" >/dev/null 2>&1; then
    log "$image is in the second engine"
    continue
  fi
  docker image inspect "$image" >/dev/null 2>&1 || die "$image is not in the first engine either: make it first"
  log "copying $image from the first engine"
  timeout 600 bash -c "docker save '$image' | DOCKER_HOST='$HOST' docker load" >&2
done
