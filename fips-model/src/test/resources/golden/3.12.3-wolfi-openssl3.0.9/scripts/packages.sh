#!/bin/sh
# Package layer for Wolfi (apk).
# The package names of each stage are in /fips/env/packages-STAGE.env (from fips-model's distros.json).
set -eu

install_packages() {
  apk add --no-cache "$@"
}
# shellcheck source=stage-packages.sh
. /fips/scripts/stage-packages.sh  # reads the stage from $1

