#!/bin/sh
# Image entrypoint. FIPS does not depend on it: Python's _hashlib/_ssl (pyfips_guard.h) and the openssl wrapper
# check FIPS mode themselves, and in fipsInstall=startup images produce the module configuration on first use,
# whatever way the container was started. The entrypoint does it up front, so a container that cannot run in FIPS
# mode stops at start with one clear message instead of at its first hash.
set -eu
libexec=$(cd "$(dirname "$0")" && pwd)
"$libexec/fipsinstall.sh" --if-needed || exit 1
exec "$@"
