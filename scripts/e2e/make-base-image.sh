#!/usr/bin/env bash
# make-base-image.sh - build a minimal Debian base image locally (no registry needed).
#
# debootstrap --variant=minbase SUITE into a temp dir from the host's Debian mirror,
# write an apt sources.list pointing at that same mirror, then `docker import` it as TAG.
set -euo pipefail

SELF="$(basename "$0")"
HOST_SOURCES="/etc/apt/sources.list.d/debian.sources"
DEFAULT_MIRROR="http://deb.debian.org/debian"
DEFAULT_SECURITY_MIRROR="http://deb.debian.org/debian-security"

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [--force] [--mirror URI] [--arch ARCH] SUITE TAG
       $SELF --help

Builds a minimal Debian image TAG (e.g. local/debian:bookworm) for SUITE
(e.g. bookworm, trixie) with debootstrap --variant=minbase and docker import.

  SUITE        Debian suite/codename: bookworm, trixie, sid, bullseye, ...
  TAG          image tag to create, e.g. local/debian:trixie
  --force      rebuild even if TAG already exists
  --mirror URI Debian mirror (default: first URIs line of $HOST_SOURCES,
               else $DEFAULT_MIRROR)
  --arch ARCH  Debian architecture of the image (default: the host's, dpkg --print-architecture),
               e.g. arm64. A foreign ARCH runs debootstrap --foreign, then the second stage in
               a chroot under qemu user emulation (run ensure-emulation.sh first), and makes the
               image with a classic \`docker build --platform linux/ARCH\` (FROM scratch + ADD):
               Docker 20.10 ignores \`docker import --platform\` without experimental mode and
               would label an arm64 root filesystem amd64.

The image's /etc/apt/sources.list points at the same mirror (plus SUITE-updates
and SUITE-security for released suites), so apt-get works inside containers run
with --network host. Idempotent: skips if \`docker image inspect TAG\` succeeds.
Needs root and a running Docker engine (see ensure-docker.sh).

Examples:
  $SELF bookworm local/debian:bookworm
  $SELF trixie   local/debian:trixie
  $SELF --arch arm64 bookworm local/debian:bookworm-arm64
USAGE
}

FORCE=0
MIRROR=""
ARCH=""
POSITIONAL=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --force) FORCE=1; shift ;;
    --mirror) [ $# -ge 2 ] || die "--mirror needs a value"; MIRROR="$2"; shift 2 ;;
    --arch) [ $# -ge 2 ] || die "--arch needs a value"; ARCH="$2"; shift 2 ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *) POSITIONAL+=("$1"); shift ;;
  esac
done
[ "${#POSITIONAL[@]}" -eq 2 ] || { usage >&2; die "expected SUITE and TAG"; }
SUITE="${POSITIONAL[0]}"
TAG="${POSITIONAL[1]}"
HOST_ARCH="$(dpkg --print-architecture)"
ARCH="${ARCH:-$HOST_ARCH}"
case "$ARCH" in
  amd64) QEMU=x86_64 ;; arm64) QEMU=aarch64 ;; armhf|armel) QEMU=arm ;; ppc64el) QEMU=ppc64le ;;
  s390x) QEMU=s390x ;; i386) QEMU=i386 ;; riscv64) QEMU=riscv64 ;;
  *) die "unsupported --arch $ARCH (amd64, arm64, armhf, armel, ppc64el, s390x, i386, riscv64)" ;;
esac
case "$ARCH" in armhf) DOCKER_PLATFORM=linux/arm/v7 ;; armel) DOCKER_PLATFORM=linux/arm/v5 ;;
  ppc64el) DOCKER_PLATFORM=linux/ppc64le ;; i386) DOCKER_PLATFORM=linux/386 ;; *) DOCKER_PLATFORM="linux/$ARCH" ;; esac
FOREIGN=0
if [ "$ARCH" != "$HOST_ARCH" ]; then
  FOREIGN=1
  grep -qs '^enabled' "/proc/sys/fs/binfmt_misc/qemu-$QEMU" \
    || die "no emulation registered for $ARCH (/proc/sys/fs/binfmt_misc/qemu-$QEMU): run scripts/e2e/ensure-emulation.sh $QEMU"
fi

command -v docker >/dev/null 2>&1 || die "docker client not found (run scripts/e2e/ensure-docker.sh)"
docker info >/dev/null 2>&1 || die "Docker engine does not answer (run scripts/e2e/ensure-docker.sh)"

if [ "$FORCE" -eq 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  log "image $TAG already exists; skipping (use --force to rebuild)"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "debootstrap needs root"

# Mirror: first URIs line of the host's deb822 Debian sources (the main archive entry).
if [ -z "$MIRROR" ]; then
  if [ -r "$HOST_SOURCES" ]; then
    MIRROR="$(awk 'tolower($1)=="uris:" && $2 !~ /security/ { print $2; exit }' "$HOST_SOURCES")"
  fi
  MIRROR="${MIRROR:-$DEFAULT_MIRROR}"
fi
MIRROR="${MIRROR%/}"
SECURITY_MIRROR=""
if [ -r "$HOST_SOURCES" ]; then
  SECURITY_MIRROR="$(awk 'tolower($1)=="uris:" && $2 ~ /security/ { print $2; exit }' "$HOST_SOURCES")"
fi
SECURITY_MIRROR="${SECURITY_MIRROR:-$DEFAULT_SECURITY_MIRROR}"
SECURITY_MIRROR="${SECURITY_MIRROR%/}"
log "suite=$SUITE arch=$ARCH tag=$TAG mirror=$MIRROR security-mirror=$SECURITY_MIRROR"

APT=(apt-get -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive
if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  "${APT[@]}" install -y debootstrap >&2 || { "${APT[@]}" update >&2; "${APT[@]}" install -y debootstrap >&2; }
fi
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -r "$KEYRING" ]; then
  log "installing debian-archive-keyring"
  "${APT[@]}" install -y debian-archive-keyring >&2
fi

# Older debootstrap releases may not know a new codename; all Debian suites share the sid script.
SCRIPTS_DIR=/usr/share/debootstrap/scripts
if [ ! -e "$SCRIPTS_DIR/$SUITE" ]; then
  [ -e "$SCRIPTS_DIR/sid" ] || die "debootstrap has neither a '$SUITE' nor a 'sid' script"
  log "debootstrap has no script for '$SUITE'; linking it to 'sid'"
  ln -s sid "$SCRIPTS_DIR/$SUITE"
fi

WORK="$(mktemp -d /var/tmp/python-fips-rootfs.XXXXXX)"
cleanup() {
  # debootstrap may leave /proc or /sys mounted inside the target if it failed half-way.
  if [ -n "${WORK:-}" ] && [ -d "$WORK" ]; then
    awk -v w="$WORK/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
    rm -rf --one-file-system "$WORK"
  fi
}
trap cleanup EXIT
ROOTFS="$WORK/rootfs"

start=$(date +%s)
DEBOOTSTRAP_OPTS=(--variant=minbase --keyring="$KEYRING" --arch="$ARCH")
[ "$FOREIGN" -eq 1 ] && DEBOOTSTRAP_OPTS+=(--foreign)
log "debootstrap ${DEBOOTSTRAP_OPTS[*]} $SUITE $ROOTFS $MIRROR (log: $WORK/debootstrap.log)"
if ! debootstrap "${DEBOOTSTRAP_OPTS[@]}" "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  tail -n 30 "$WORK/debootstrap.log" >&2
  [ -f "$ROOTFS/debootstrap/debootstrap.log" ] && tail -n 30 "$ROOTFS/debootstrap/debootstrap.log" >&2
  die "debootstrap failed for $SUITE"
fi
if [ "$FOREIGN" -eq 1 ]; then
  # binfmt_misc's F flag: the kernel already holds the interpreter, nothing to copy into the chroot.
  log "second stage under qemu-$QEMU (slow: every binary is emulated)"
  if ! chroot "$ROOTFS" /debootstrap/debootstrap --second-stage >>"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    [ -f "$ROOTFS/debootstrap/debootstrap.log" ] && tail -n 30 "$ROOTFS/debootstrap/debootstrap.log" >&2
    die "debootstrap --second-stage failed for $SUITE/$ARCH"
  fi
fi
log "debootstrap done in $(( $(date +%s) - start ))s"

# apt inside the image: same mirror as the host; updates/security only exist for released suites.
case "$SUITE" in
  sid|unstable|experimental|rc-buggy)
    printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$ROOTFS/etc/apt/sources.list" ;;
  *)
    {
      printf 'deb %s %s main\n' "$MIRROR" "$SUITE"
      printf 'deb %s %s-updates main\n' "$MIRROR" "$SUITE"
      printf 'deb %s %s-security main\n' "$SECURITY_MIRROR" "$SUITE"
    } >"$ROOTFS/etc/apt/sources.list" ;;
esac
log "image sources.list:"; sed 's/^/    /' "$ROOTFS/etc/apt/sources.list" >&2

# Keep the image small and free of host-specific state.
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/log/* \
       "$ROOTFS"/tmp/* "$ROOTFS"/debootstrap 2>/dev/null || true
: >"$ROOTFS/etc/resolv.conf"   # Docker supplies resolv.conf at run time
printf 'localhost\n' >"$ROOTFS/etc/hostname"

if [ "$FOREIGN" -eq 0 ]; then
log "importing $ROOTFS as $TAG"
tar --numeric-owner -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  --change "LABEL org.opencontainers.image.title=debian-$SUITE-minbase" \
  --change "LABEL dev.pythonfips.base.suite=$SUITE" \
  --change "LABEL dev.pythonfips.base.mirror=$MIRROR" \
  - "$TAG" >/dev/null
else
  # docker import ignores --platform on Docker 20.10 (experimental only); the classic builder honours it.
  log "building $TAG for $DOCKER_PLATFORM from $ROOTFS (FROM scratch, ADD rootfs.tar)"
  mkdir -p "$WORK/ctx"
  tar --numeric-owner -C "$ROOTFS" -cf "$WORK/ctx/rootfs.tar" .
  cat >"$WORK/ctx/Dockerfile" <<DOCKERFILE
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV LANG=C.UTF-8
LABEL org.opencontainers.image.title=debian-$SUITE-minbase dev.pythonfips.base.suite=$SUITE dev.pythonfips.base.mirror=$MIRROR dev.pythonfips.base.arch=$ARCH
CMD ["/bin/bash"]
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q --network none --platform "$DOCKER_PLATFORM" -t "$TAG" "$WORK/ctx" >/dev/null 2>"$WORK/build.log" \
    || { cat "$WORK/build.log" >&2; die "docker build --platform $DOCKER_PLATFORM of $TAG failed"; }
fi

docker run --rm --network none --platform "$DOCKER_PLATFORM" "$TAG" cat /etc/debian_version >/dev/null \
  || die "image $TAG was imported but cannot run"
got="$(docker image inspect --format '{{.Os}}/{{.Architecture}}' "$TAG")"
[ "$got" = "${DOCKER_PLATFORM%/v*}" ] || die "image $TAG has platform $got, expected $DOCKER_PLATFORM"
size="$(docker image inspect --format '{{.Size}}' "$TAG")"
log "created $TAG ($(( size / 1024 / 1024 )) MB, $got, debian_version $(docker run --rm --network none --platform "$DOCKER_PLATFORM" "$TAG" cat /etc/debian_version)) in $(( $(date +%s) - start ))s"
