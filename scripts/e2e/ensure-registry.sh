#!/usr/bin/env bash
# ensure-registry.sh - make sure a local container registry (Distribution 2.8, Debian's docker-registry
# package) answers on 127.0.0.1:PORT, optionally requiring a user name and password (htpasswd).
#
# Idempotent like ensure-docker.sh: exits 0 at once when the registry on that port already answers in the
# requested mode. Listens on 127.0.0.1 only; Docker treats 127.0.0.0/8 as an insecure (plain HTTP) registry
# by default, so no TLS and no daemon.json change are needed.
set -euo pipefail

SELF="$(basename "$0")"
PORT="${PYTHON_FIPS_REGISTRY_PORT:-5000}"
AUTH=""                     # USER:PASSWORD for htpasswd auth; empty: anonymous
STATE_ROOT="${PYTHON_FIPS_REGISTRY_DIR:-/var/lib/python-fips-registry}"
TIMEOUT=30
STOP=0

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [--port PORT] [--auth USER:PASSWORD] [--stop] [--help]

Ensures a Distribution registry (Debian's docker-registry 2.8) answers on http://127.0.0.1:PORT/v2/.
  --port PORT          port on 127.0.0.1 (default \$PYTHON_FIPS_REGISTRY_PORT or 5000)
  --auth USER:PASSWORD require this user (htpasswd, bcrypt); without it the registry is anonymous.
                       Use a different port for an authenticated and an anonymous registry.
  --stop               stop the registry this script started on PORT (and nothing else)
Installs docker-registry (and apache2-utils for htpasswd) with apt-get when missing (needs root).
State per port under $STATE_ROOT/PORT/ : config.yml, htpasswd, data/, registry.log, registry.pid.
Idempotent: exits 0 at once when the registry on PORT answers in the requested mode.
The package's own service (/etc/docker/registry/config.yml, all interfaces, port 5000) is never used.

Environment: PYTHON_FIPS_REGISTRY_PORT, PYTHON_FIPS_REGISTRY_DIR.
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --port) [ $# -ge 2 ] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --auth) [ $# -ge 2 ] || die "--auth needs USER:PASSWORD"; AUTH="$2"; shift 2 ;;
    --stop) STOP=1; shift ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
  die "--port must be a number 1-65535, not '$PORT'"
fi
if [ -n "$AUTH" ]; then
  [[ "$AUTH" == *:* ]] || die "--auth must be USER:PASSWORD"
  AUTH_USER="${AUTH%%:*}"; AUTH_PASS="${AUTH#*:}"
  [[ "$AUTH_USER" =~ ^[A-Za-z0-9._-]+$ ]] || die "--auth user must be [A-Za-z0-9._-]+"
  [ -n "$AUTH_PASS" ] || die "--auth password is empty"
fi

STATE="$STATE_ROOT/$PORT"
PIDFILE="$STATE/registry.pid"
URL="http://127.0.0.1:$PORT/v2/"

# HTTP status of GET /v2/ (000 when nothing answers)
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$URL" 2>/dev/null || true; }
ours_running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

if [ "$STOP" -eq 1 ]; then
  if ours_running; then
    pid="$(cat "$PIDFILE")"; kill "$pid"; rm -f "$PIDFILE"; log "stopped the registry on 127.0.0.1:$PORT (pid $pid)"
  else
    log "no registry started by this script runs on port $PORT"
  fi
  exit 0
fi

want=200; [ -n "$AUTH" ] && want=401
code="$(status)"
if [ "$code" = "$want" ]; then
  if [ -n "$AUTH" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -u "$AUTH" "$URL")" != 200 ]; then
    die "the registry on 127.0.0.1:$PORT requires authentication but refuses these credentials; stop it (--stop) or use another --port"
  fi
  log "registry already answers on 127.0.0.1:$PORT ($([ -n "$AUTH" ] && echo "htpasswd auth" || echo anonymous))"
  exit 0
fi
if [ "$code" != "000" ]; then
  die "something else answers on 127.0.0.1:$PORT (GET /v2/ -> HTTP $code, wanted $want); use another --port$(ours_running && echo ' or --stop it first')"
fi

[ "$(id -u)" -eq 0 ] || die "no registry answers on 127.0.0.1:$PORT and installing/starting one needs root"
APT=(apt-get -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive
need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
if [ -n "$AUTH" ] && ! command -v htpasswd >/dev/null 2>&1; then need+=(apache2-utils); fi
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]} with apt-get"
  "${APT[@]}" install -y "${need[@]}" >&2 || { "${APT[@]}" update >&2; "${APT[@]}" install -y "${need[@]}" >&2; }
fi
command -v docker-registry >/dev/null 2>&1 || die "docker-registry still missing after apt-get install"

mkdir -p "$STATE/data"
{
  echo "# written by $SELF: a local test registry on 127.0.0.1:$PORT only"
  echo "version: 0.1"
  echo "log:"
  echo "  level: info"
  echo "storage:"
  echo "  filesystem:"
  echo "    rootdirectory: $STATE/data"
  echo "  delete:"
  echo "    enabled: true"
  echo "http:"
  echo "  addr: 127.0.0.1:$PORT"
  echo "  headers:"
  echo "    X-Content-Type-Options: [nosniff]"
  if [ -n "$AUTH" ]; then
    echo "auth:"
    echo "  htpasswd:"
    echo "    realm: python-fips-test"
    echo "    path: $STATE/htpasswd"
  fi
} >"$STATE/config.yml.new"
mv "$STATE/config.yml.new" "$STATE/config.yml"
if [ -n "$AUTH" ]; then
  # Distribution reads only bcrypt entries
  htpasswd -Bbn "$AUTH_USER" "$AUTH_PASS" >"$STATE/htpasswd"
  chmod 600 "$STATE/htpasswd"
else
  rm -f "$STATE/htpasswd"
fi

if ours_running; then
  log "our registry process $(cat "$PIDFILE") does not answer as wanted; restarting it"
  kill "$(cat "$PIDFILE")" 2>/dev/null || true; sleep 1
fi
log "starting docker-registry serve $STATE/config.yml (127.0.0.1:$PORT, log: $STATE/registry.log)"
# setsid: detach from the caller's process group so it outlives the calling job.
setsid nohup docker-registry serve "$STATE/config.yml" >>"$STATE/registry.log" 2>&1 </dev/null &
echo $! >"$PIDFILE"

for ((i = 0; i < TIMEOUT; i++)); do
  if [ "$(status)" = "$want" ]; then
    log "registry answers on 127.0.0.1:$PORT after ${i}s ($(docker-registry --version 2>/dev/null | awk '{print $NF}'), $([ -n "$AUTH" ] && echo "htpasswd auth, user $AUTH_USER" || echo anonymous), pid $(cat "$PIDFILE"))"
    exit 0
  fi
  sleep 1
done
tail -n 20 "$STATE/registry.log" >&2 || true
die "registry did not answer on 127.0.0.1:$PORT within ${TIMEOUT}s"
