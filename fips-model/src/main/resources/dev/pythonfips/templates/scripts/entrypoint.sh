#!/bin/sh
# Image entrypoint: in fipsInstall=startup images, generate the FIPS module config on first start (on the
# machine that runs the container), then run the command.
set -eu
P="${PYTHON_FIPS_PREFIX:-/opt/python-fips}"
if [ -f "$P/lib/ossl-modules/fips.so" ] && [ ! -f "$P/ssl/fipsmodule.cnf" ]; then
  "$P/libexec/python-fips/fipsinstall.sh" || {
    echo "python-fips: cannot write $P/ssl/fipsmodule.cnf; the FIPS provider would not load. Make $P/ssl writable or build with <fipsInstall>build</fipsInstall>." >&2
    exit 1
  }
fi
exec "$@"
