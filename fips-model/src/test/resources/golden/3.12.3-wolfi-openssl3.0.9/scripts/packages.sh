#!/bin/sh
# Package layer for Wolfi (apk).
# Package names come from public records listed in fips-model's distros.json.
set -eu
PKGS_patch='gnutar gzip patch xz'
PKGS_build='binutils build-base bzip2-dev ca-certificates-bundle findutils gcc gdbm-dev glibc-dev gnutar gzip libffi-dev linux-headers make mpdecimal-dev ncurses-dev perl pkgconf posix-libc-utils readline-dev sqlite-dev util-linux-dev xz xz-dev zlib-dev zstd-dev'
PKGS_rust='rust'
PKGS_runtime='gdbm libbz2-1 libffi libuuid libzstd1 mpdecimal ncurses posix-libc-utils readline sqlite-libs tzdata xz zlib'

install_packages() {
  apk add --no-cache "$@"
}
# shellcheck source=stage-packages.sh
. /fips/scripts/stage-packages.sh  # reads the stage from $1

