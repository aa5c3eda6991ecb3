#!/bin/sh
# Stage "build", step 1: the FIPS module, from its unmodified tarball, with the canonical commands only.
#  - FIPS Object Module 2.0.x: gunzip -c | tar xf - ; ./config ; make ; make install  (installs /usr/local/ssl/fips-2.0)
#  - OpenSSL 3 provider of another version than the library: ./Configure enable-fips ; make ; make install_fips,
#    then the module (fips.so) is placed next to our library's modules. Its fipsmodule.cnf is NOT kept:
#    fipsinstall runs on the machine that runs the image.
#  - provider of the library's own version: built with the library (build-openssl.sh, enable-fips).
# shellcheck source=common.sh
. /fips/scripts/common.sh
if [ "$PYFIPS_SEPARATE_PROVIDER" != yes ]; then
  log "FIPS provider $PYFIPS_FIPS_VERSION is built together with the OpenSSL library of the same tarball (build-openssl.sh)"
  exit 0
fi
verify_source "$PYFIPS_FIPS_TARBALL"
mkdir -p /fips/build && cd /fips/build
gunzip -c "/fips/sources/$PYFIPS_FIPS_TARBALL" | tar xf -
if [ "$PYFIPS_FIPS_KIND" = fips-object-module-2 ]; then
  cd "openssl-fips-$PYFIPS_FIPS_VERSION" || exit 1
  ./config
  make
  make install
  log "FIPS Object Module $PYFIPS_FIPS_VERSION installed in /usr/local/ssl/fips-2.0"
else
  cd "openssl-$PYFIPS_FIPS_VERSION" || exit 1
  ./Configure enable-fips
  make -j"$(jobs)"
  make install_fips
  mkdir -p "$P/lib/ossl-modules"
  cp /usr/local/lib*/ossl-modules/fips.so "$P/lib/ossl-modules/fips.so" 2>/dev/null \
    || cp providers/fips.so "$P/lib/ossl-modules/fips.so"
  log "FIPS provider $PYFIPS_FIPS_VERSION built; module at $P/lib/ossl-modules/fips.so"
fi
