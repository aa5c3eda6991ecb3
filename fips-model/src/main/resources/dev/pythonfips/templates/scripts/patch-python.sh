#!/bin/sh
# Stage "patch": unpack the verified CPython tarball and apply our FIPS patches for this minor version.
# shellcheck source=common.sh
. /fips/scripts/common.sh
unpack "$PYFIPS_PYTHON_TARBALL" /fips/src
mv "/fips/src/Python-$PYFIPS_PYTHON_VERSION" /fips/src/python
cd /fips/src/python || exit 1
for p in /fips/patches/*.patch; do
  [ -f "$p" ] || continue
  log "applying $(basename "$p")"
  patch -p1 --forward --batch < "$p" || die "patch $(basename "$p") does not apply to Python $PYFIPS_PYTHON_VERSION"
done
# The FIPS guard our patches include in Modules/_hashopenssl.c and Modules/_ssl.c (same file for every minor).
cp /fips/patches/pyfips_guard.h Modules/pyfips_guard.h
log "added Modules/pyfips_guard.h"
