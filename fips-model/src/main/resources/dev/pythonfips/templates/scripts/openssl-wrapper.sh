#!/bin/sh
# <prefix>/bin/openssl (python-fips): runs the real openssl (<prefix>/libexec/python-fips/openssl) only with this
# image's FIPS configuration, like Python's _hashlib/_ssl (pyfips_guard.h). finish-install.sh fills in the prefix
# and the cell's FIPS module kind (its build recipe decides it).
set -eu
P='@PREFIX@'
kind='@FIPS_KIND@'
refuse() {
  echo "python-fips: openssl is disabled because OpenSSL would not be in FIPS mode: $1. Fix: $2." >&2
  exit 1
}
if [ -n "${OPENSSL_CONF+set}" ] && [ "$OPENSSL_CONF" != "$P/ssl/openssl.cnf" ]; then
  refuse "OPENSSL_CONF=$OPENSSL_CONF replaces this image's FIPS configuration $P/ssl/openssl.cnf" "unset OPENSSL_CONF"
fi
if [ -n "${OPENSSL_MODULES+set}" ] && [ "$OPENSSL_MODULES" != "$P/lib/ossl-modules" ]; then
  refuse "OPENSSL_MODULES=$OPENSSL_MODULES replaces this image's module directory $P/lib/ossl-modules" "unset OPENSSL_MODULES"
fi
if [ "$kind" = fips-object-module-2 ]; then
  # FIPS Object Module 2.0 (OpenSSL 1.0.2): the openssl command enters FIPS mode when OPENSSL_FIPS is set
  export OPENSSL_FIPS=1
fi
"$P/libexec/python-fips/fipsinstall.sh" --if-needed || exit 1
exec "$P/libexec/python-fips/openssl" "$@"
