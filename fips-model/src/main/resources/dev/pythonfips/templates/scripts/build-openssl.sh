#!/bin/sh
# Stage "build", step 2: the OpenSSL library (libcrypto/libssl) Python links against, installed in the prefix
# with an rpath so nothing picks up a system OpenSSL.
# shellcheck source=common.sh
. /fips/scripts/common.sh
unpack "$PYFIPS_OPENSSL_TARBALL" /fips/build
cd "/fips/build/openssl-$PYFIPS_OPENSSL_VERSION" || exit 1
case "$PYFIPS_OPENSSL_VERSION" in
  1.0.2*)
    ./config fips shared no-ssl2 no-ssl3 --with-fipsdir=/usr/local/ssl/fips-2.0 \
      --prefix="$P" --openssldir="$P/ssl" "-Wl,-rpath,$P/lib"
    make depend
    make
    make install_sw
    ;;
  *)
    fips_flag=""
    [ "$PYFIPS_SEPARATE_PROVIDER" = yes ] || fips_flag="enable-fips"
    # shellcheck disable=SC2086
    ./Configure $fips_flag shared --prefix="$P" --openssldir="$P/ssl" --libdir=lib "-Wl,-rpath,$P/lib"
    make -j"$(jobs)"
    if [ -n "$fips_flag" ]; then
      make install_sw install_ssldirs install_fips
    else
      make install_sw install_ssldirs
    fi
    # fipsmodule.cnf must be produced on the machine that runs the image, not copied from the build stage.
    rm -f "$P/ssl/fipsmodule.cnf"
    ;;
esac
log "OpenSSL $("$P/bin/openssl" version) installed in $P"
