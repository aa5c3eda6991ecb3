#!/bin/sh
# Package layer for Wolfi (apk).
# Package names come from public records listed in fips-model's distros.json.
set -eu
. /fips/cell.env
PKGS_patch='gnutar gzip patch xz'
PKGS_build='binutils build-base bzip2-dev ca-certificates-bundle findutils gcc gdbm-dev glibc-dev gnutar gzip libffi-dev linux-headers make mpdecimal-dev ncurses-dev perl pkgconf posix-libc-utils readline-dev sqlite-dev util-linux-dev xz xz-dev zlib-dev zstd-dev'
PKGS_rust='rust'
PKGS_runtime='ca-certificates-bundle gdbm libbz2-1 libffi libuuid libzstd1 mpdecimal ncurses posix-libc-utils readline sqlite-libs tzdata xz zlib'

stage="${1:?usage: packages.sh patch|build|runtime}"
case "$stage" in
  patch) pkgs="$PKGS_patch" ;;
  build) pkgs="$PKGS_build"; [ -n "${PYFIPS_CRYPTOGRAPHY:-}" ] && pkgs="$pkgs $PKGS_rust" ;;
  runtime) pkgs="$PKGS_runtime ${PYFIPS_EXTRA_PACKAGES:-}" ;;
  *) echo "packages.sh: unknown stage $stage" >&2; exit 2 ;;
esac
echo "python-fips: installing $stage packages: $pkgs"
# shellcheck disable=SC2086
apk add --no-cache $pkgs

