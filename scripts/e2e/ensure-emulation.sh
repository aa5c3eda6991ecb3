#!/usr/bin/env bash
# ensure-emulation.sh - make foreign-architecture containers (linux/arm64 by default) runnable on this host.
#
# Installs Debian's qemu-user-static and binfmt-support when missing, mounts binfmt_misc when it is not
# mounted, registers the qemu interpreters (update-binfmts --enable) and checks that the kernel now knows an
# interpreter for each requested architecture. Idempotent like ensure-docker.sh. Needs root.
set -euo pipefail

SELF="$(basename "$0")"
BINFMT=/proc/sys/fs/binfmt_misc

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [ARCH...]        (default: aarch64)

Makes containers of a foreign architecture run under qemu user emulation:
  - apt-get install qemu-user-static binfmt-support (when qemu-aarch64-static is missing),
  - mount binfmt_misc on $BINFMT (when not mounted),
  - update-binfmts --enable qemu-ARCH for each ARCH (aarch64 = linux/arm64),
  - checks that $BINFMT/qemu-ARCH is enabled and has the F (fix binary) flag, which Docker needs
    so the interpreter works inside containers.
Then e.g.: docker run --rm --platform linux/arm64 IMAGE uname -m   prints aarch64.
USAGE
}

ARCHS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown argument: $1" ;;
    *) ARCHS+=("$1"); shift ;;
  esac
done
[ ${#ARCHS[@]} -gt 0 ] || ARCHS=(aarch64)
[ "$(id -u)" -eq 0 ] || die "setting up emulation needs root"

if ! command -v update-binfmts >/dev/null 2>&1 || ! command -v "qemu-${ARCHS[0]}-static" >/dev/null 2>&1; then
  log "installing qemu-user-static and binfmt-support"
  export DEBIAN_FRONTEND=noninteractive
  APT=(apt-get -o DPkg::Lock::Timeout=600)
  "${APT[@]}" install -y -q qemu-user-static binfmt-support >&2 \
    || { "${APT[@]}" -q update >&2 && "${APT[@]}" install -y -q qemu-user-static binfmt-support >&2; }
fi

if [ ! -e "$BINFMT/register" ]; then
  log "mounting binfmt_misc on $BINFMT"
  mount binfmt_misc -t binfmt_misc "$BINFMT" || die "cannot mount binfmt_misc (a container without CAP_SYS_ADMIN?)"
fi

for arch in "${ARCHS[@]}"; do
  entry="$BINFMT/qemu-$arch"
  if [ ! -e "$entry" ] || ! grep -q '^enabled' "$entry"; then
    log "registering qemu-$arch"
    update-binfmts --enable "qemu-$arch" >&2 || die "update-binfmts --enable qemu-$arch failed (is qemu-$arch-static installed?)"
  fi
  grep -q '^enabled' "$entry" || die "$entry is not enabled"
  grep -q '^flags:.*F' "$entry" || die "$entry lacks the F flag: containers cannot find the interpreter (Debian's qemu-user-static registers it with F)"
  log "qemu-$arch registered: $(grep '^interpreter' "$entry")"
done
