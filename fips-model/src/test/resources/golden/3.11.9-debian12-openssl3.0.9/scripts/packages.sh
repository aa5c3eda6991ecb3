#!/bin/sh
# Package layer for Debian 12 (bookworm) (apt). The only distro-specific script of the build.
# The package names of each stage are in /fips/env/packages-STAGE.env (from fips-model's distros.json).
set -eu

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # --no-upgrade: a package the base already has stays as the base has it (its owner pins and updates it); an
  # upgraded copy would only duplicate its files in our layer. Dependencies are still upgraded when required.
  # No documentation but each package's copyright file (its licence, which ships with it), as rpm's --nodocs on Rocky
  # and Debian's own slim images: changelogs, man and info pages are 0.4 MB gzip of the runtime layer. Options of
  # this call only: an image built on ours installs its own packages with their documentation, as its base says.
  apt-get install -y -q --no-install-recommends --no-upgrade \
    -o 'Dpkg::Options::=--path-exclude=/usr/share/doc/*' -o 'Dpkg::Options::=--path-include=/usr/share/doc/*/copyright' \
    -o 'Dpkg::Options::=--path-exclude=/usr/share/man/*' -o 'Dpkg::Options::=--path-exclude=/usr/share/info/*' "$@"
  apt-get clean
  # apt's lists and logs, dpkg's log and backup of its database, ldconfig's cache of library mtimes: nothing reads
  # them at run time, and the logs and the cache hold the clock, so the layer would differ on every build.
  rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /var/log/alternatives.log /var/lib/dpkg/status-old \
    /var/cache/ldconfig/aux-cache
}
# shellcheck source=stage-packages.sh
. /fips/scripts/stage-packages.sh  # reads the stage from $1

