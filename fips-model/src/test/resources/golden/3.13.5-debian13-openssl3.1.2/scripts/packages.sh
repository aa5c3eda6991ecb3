#!/bin/sh
# Package layer for Debian 13 (trixie) (apt). The only distro-specific script of the build.
# Package names come from public records listed in fips-model's distros.json.
set -eu
PKGS_patch='gzip patch tar xz-utils'
PKGS_build='binutils ca-certificates findutils gcc gzip libbz2-dev libc-bin libc6-dev libffi-dev libgdbm-compat-dev libgdbm-dev liblzma-dev libmpdec-dev libncurses-dev libreadline-dev libsqlite3-dev libzstd-dev linux-libc-dev make perl pkgconf tar uuid-dev xz-utils zlib1g-dev'
PKGS_rust='cargo rustc'
PKGS_runtime='libbz2-1.0 libc-bin libffi8 libgdbm-compat4t64 libgdbm6t64 liblzma5 libmpdec4 libncursesw6 libreadline8t64 libsqlite3-0 libtinfo6 libuuid1 libzstd1 netbase tzdata zlib1g'

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # --no-upgrade: a package the base already has stays as the base has it (its owner pins and updates it); an
  # upgraded copy would only duplicate its files in our layer. Dependencies are still upgraded when required.
  apt-get install -y -q --no-install-recommends --no-upgrade "$@"
  apt-get clean
  rm -rf /var/lib/apt/lists/*
}
# shellcheck source=stage-packages.sh
. /fips/scripts/stage-packages.sh  # reads the stage from $1

