#!/usr/bin/env bash
# Runs README's two set-up commands, exactly as written there, on a fresh Debian 12 that has only a JDK and git:
# a container from the debootstrap base image (scripts/e2e/make-base-image.sh), the repository cloned into it, an
# empty Maven repository. Proves the README needs nothing else (no shellcheck, no Docker, no pre-filled caches).
set -euo pipefail
SELF=$(basename "$0")
log() { echo "[$SELF] $*"; }
die() { echo "[$SELF] ERROR: $*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: $SELF [--image IMAGE] [--ref REF]

  --image IMAGE  fresh Debian 12 image (default local/debian:bookworm, from make-base-image.sh bookworm ...)
  --ref REF      git ref of this repository to check (default HEAD)

A network that intercepts TLS (as this sandbox's egress proxy does) needs its CA: the host's local CAs
(/usr/local/share/ca-certificates/*.crt) are installed into the container too. That is the network's requirement,
not the project's: the container gets nothing else from the host.

Installs openjdk-17-jdk-headless and git in a throw-away container (--network host), clones the repository at REF,
extracts the commands of README's "Set-up: the two commands" block and runs them one after the other. Prints each
command's time and exit code; exits non-zero if one fails. Takes 10-20 minutes here (Maven downloads everything).
EOF
}

image=local/debian:bookworm
ref=HEAD
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image=$2; shift 2 ;;
    --ref) ref=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
command -v docker >/dev/null 2>&1 || die "docker is missing (scripts/e2e/ensure-docker.sh)"
docker image inspect "$image" >/dev/null 2>&1 || die "no image $image (scripts/e2e/make-base-image.sh bookworm $image)"
commit=$(git -C "$root" rev-parse "$ref")

# the two commands: the non-comment lines of the first sh block under the set-up heading
commands=$(awk '/^## Set-up: the two commands/{s=1} s && /^```sh/{b=1; next} b && /^```/{exit} b && !/^#/ && NF' "$root/README.md")
[ "$(printf '%s\n' "$commands" | wc -l)" -eq 2 ] || die "expected two commands in README's set-up block, found: $commands"
log "commit $commit; README's commands:"
printf '%s\n' "$commands" | sed 's/^/    /'

bundle=$(mktemp -d)
trap 'rm -rf "$bundle"' EXIT
git -C "$root" bundle create "$bundle/repo.bundle" "$commit" HEAD >/dev/null 2>&1 \
  || git -C "$root" bundle create "$bundle/repo.bundle" --all >/dev/null
printf '%s\n' "$commands" > "$bundle/commands"
mkdir -p "$bundle/ca"
cp /usr/local/share/ca-certificates/*.crt "$bundle/ca/" 2>/dev/null || true

docker run --rm --network host -v "$bundle:/in:ro" "$image" bash -c '
  set -euo pipefail
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q openjdk-17-jdk-headless git >/dev/null
  if ls /in/ca/*.crt >/dev/null 2>&1; then
    cp /in/ca/*.crt /usr/local/share/ca-certificates/ && update-ca-certificates >/dev/null 2>&1
    echo "[fresh-debian] the network'"'"'s TLS interception CA installed: $(ls /in/ca | tr "\n" " ")"
  fi
  echo "[fresh-debian] $(java -version 2>&1 | head -1); $(git --version); shellcheck: $(command -v shellcheck || echo none); docker: $(command -v docker || echo none)"
  git clone -q /in/repo.bundle /work/python-fips && cd /work/python-fips && git -c advice.detachedHead=false checkout -q '"$commit"'
  n=0
  while IFS= read -r cmd; do
    n=$((n + 1)); start=$(date +%s)
    echo "[fresh-debian] command $n: $cmd"
    if bash -c "$cmd" > /tmp/cmd$n.log 2>&1; then rc=0; else rc=$?; fi
    echo "[fresh-debian] command $n: exit $rc after $(( $(date +%s) - start )) s"
    grep -E "Tests run:.*Fail|Passed:|BUILD (SUCCESS|FAILURE)|wrote .*matrix.json" /tmp/cmd$n.log | tail -5 | sed "s/^/    /" || true
    [ "$rc" -eq 0 ] || { tail -40 /tmp/cmd$n.log; exit "$rc"; }
  done < /in/commands
'
log "README's two commands passed on a fresh $image with only a JDK and git"
