#!/bin/sh
# Stage "build", step 3: CPython against our OpenSSL, with an rpath to the prefix.
. /fips/scripts/common.sh
cd /fips/src/python
rpath_args=""
case "$PYFIPS_PYTHON_MINOR" in
  3.9) ;;
  *) rpath_args="--with-openssl-rpath=auto" ;;
esac
# The FIPS configuration is not active during the build: ensurepip and the test imports run with a neutral
# config, exactly like upstream.
export OPENSSL_CONF=/dev/null
opt_args=$(sh /fips/scripts/optimization-flags.sh "$PYFIPS_OPTIMIZATIONS")
# shellcheck disable=SC2086
./configure --prefix="$P" --enable-shared --with-openssl="$P" $rpath_args $opt_args \
  --with-builtin-hashlib-hashes="$PYFIPS_BUILTIN_HASHES" --with-ensurepip=install $PYFIPS_CONFIGURE_EXTRA \
  LDFLAGS="-Wl,-rpath,$P/lib" CPPFLAGS="-I$P/include"
make -j"$(jobs)"
make install
ln -sf python3 "$P/bin/python"
"$P/bin/python3" -c 'import ssl, _hashlib; print("python-fips: built against", ssl.OPENSSL_VERSION)'
