#!/bin/sh
# Runs `openssl fipsinstall` on THIS machine: the module's self-tests run and its config (MAC of fips.so) is
# written next to openssl.cnf. The Security Policy forbids copying that file from another machine.
set -eu
P="${PYTHON_FIPS_PREFIX:-$(cd "$(dirname "$0")/../.." && pwd)}"
module="$P/lib/ossl-modules/fips.so"
out="$P/ssl/fipsmodule.cnf"
if [ ! -f "$module" ]; then
  echo "python-fips: no OpenSSL 3 FIPS provider in this image (legacy FIPS Object Module): nothing to install" >&2
  exit 0
fi
OPENSSL_CONF=/dev/null "$P/bin/openssl" fipsinstall -module "$module" -out "$out.tmp" >/dev/null 2>&1 \
  || { OPENSSL_CONF=/dev/null "$P/bin/openssl" fipsinstall -module "$module" -out "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
echo "python-fips: FIPS module self-tests passed, $out written" >&2
