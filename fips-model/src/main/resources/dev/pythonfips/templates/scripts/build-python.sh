#!/bin/sh
# Stage "build", step 3: CPython against our OpenSSL, with an rpath to the prefix.
# shellcheck source=common.sh
. /fips/scripts/common.sh
cd /fips/src/python || exit 1
rpath_args=""
case "$PYFIPS_PYTHON_MINOR" in
  3.9) ;;
  *) rpath_args="--with-openssl-rpath=auto" ;;
esac
# The FIPS provider is ACTIVE while Python builds: our guard (pyfips_guard.h) makes _hashlib and _ssl refuse to
# load outside FIPS mode, and the build imports them (extension checks, ensurepip). The configuration is a strict,
# build-only one that does not depend on the policy or fipsInstall, so changing those reuses this layer;
# finish-install.sh puts the image's own openssl.cnf in place and removes this fipsmodule.cnf (the runtime
# stage produces its own on the machine that runs the image).
unset OPENSSL_CONF OPENSSL_MODULES
sh /fips/scripts/fipsinstall.sh "$P"
cp /fips/scripts/openssl-build.cnf "$P/ssl/openssl.cnf"
opt_args=$(sh /fips/scripts/optimization-flags.sh "$PYFIPS_OPTIMIZATIONS")
# shellcheck disable=SC2086
./configure --prefix="$P" --enable-shared --with-openssl="$P" $rpath_args $opt_args \
  --with-builtin-hashlib-hashes="$PYFIPS_BUILTIN_HASHES" --with-ensurepip=install $PYFIPS_CONFIGURE_EXTRA \
  LDFLAGS="-Wl,-rpath,$P/lib" CPPFLAGS="-I$P/include"
make -j"$(jobs)"
make install
ln -sf python3 "$P/bin/python"
"$P/bin/python3" -c 'import ssl, _hashlib; print("python-fips: built against", ssl.OPENSSL_VERSION)'
