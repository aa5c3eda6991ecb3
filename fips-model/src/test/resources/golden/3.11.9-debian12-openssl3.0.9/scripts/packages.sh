#!/bin/sh
# Package layer for Debian 12 (bookworm) (apt). The only distro-specific script of the build.
# The package names of each stage are in /fips/env/packages-STAGE.env (from fips-model's distros.json).
set -eu

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

