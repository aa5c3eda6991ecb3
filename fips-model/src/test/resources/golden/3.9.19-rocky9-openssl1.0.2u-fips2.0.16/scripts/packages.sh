#!/bin/sh
# Package layer for Rocky Linux 9 (microdnf on the minimal image, dnf on the full one).
# Package names come from public records listed in fips-model's distros.json.
set -eu
PKGS_patch='gzip patch tar xz'
PKGS_build='binutils bzip2-devel ca-certificates findutils gcc gdbm-devel glibc-common glibc-devel gzip kernel-headers libffi-devel libuuid-devel libzstd-devel make mpdecimal-devel ncurses-devel perl pkgconf-pkg-config readline-devel sqlite-devel tar xz xz-devel zlib-devel'
PKGS_rust='cargo rust'
PKGS_runtime='bzip2-libs gdbm-libs glibc-common libffi libuuid libzstd mpdecimal ncurses-libs readline sqlite-libs tzdata xz-libs zlib'
ENABLE_REPOS='crb'

install_packages() {
  repos=""
  if [ "$stage" = build ]; then
    for r in $ENABLE_REPOS; do repos="$repos --enablerepo=$r"; done
  fi
  if command -v microdnf >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    microdnf install -y --nodocs --setopt=install_weak_deps=0 $repos "$@"
    microdnf clean all
  else
    # shellcheck disable=SC2086
    dnf install -y --nodocs --setopt=install_weak_deps=False $repos "$@"
    dnf clean all
  fi
}
# shellcheck source=stage-packages.sh
. /fips/scripts/stage-packages.sh  # reads the stage from $1

