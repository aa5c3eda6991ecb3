#!/bin/sh
# Prints CPython's ./configure flags for an optimisation choice (fips.optimizations):
#   pgo-lto  --enable-optimizations --with-lto   (release default; what docker-library, Debian and Wolfi ship)
#   pgo      --enable-optimizations               (profile-guided: builds twice, runs `-m test --pgo` as training)
#   lto      --with-lto                           (link-time optimisation only: no training run)
#   none     (nothing: the fastest build, the slowest interpreter)
# Plain --with-lto (no =full/thin) is the spelling every supported configure accepts: 3.9's takes no value and
# uses -flto-partition=none with GCC (a serial LTO link), 3.11+ accepts --with-lto=[full|thin|no|yes].
set -eu
case "${1:?usage: optimization-flags.sh pgo-lto|pgo|lto|none}" in
  pgo-lto) echo "--enable-optimizations --with-lto" ;;
  pgo) echo "--enable-optimizations" ;;
  lto) echo "--with-lto" ;;
  none) echo "" ;;
  *) echo "optimization-flags.sh: unknown optimisation \"$1\" (pgo-lto, pgo, lto, none)" >&2; exit 2 ;;
esac
