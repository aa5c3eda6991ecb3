#!/bin/sh
# Package layer for Rocky Linux 9 (microdnf on the minimal image, dnf on the full one).
# The package names of each stage are in /fips/env/packages-STAGE.env (from fips-model's distros.json).
set -eu
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

