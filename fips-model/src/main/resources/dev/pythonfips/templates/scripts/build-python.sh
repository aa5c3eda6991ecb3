#!/bin/sh
# Stage "build", step 3: CPython against our OpenSSL, with an rpath to the prefix: exactly the commands of
# /fips/env/python.commands (the cell's build recipe; manifest.json "buildCommands").
# The FIPS provider is ACTIVE while Python builds: our guard (pyfips_guard.h) makes _hashlib and _ssl refuse to
# load outside FIPS mode, and the build imports them (extension checks, ensurepip). The recipe installs a strict,
# build-only configuration that does not depend on the policy or fipsInstall, so changing those reuses this layer;
# finish-install.sh puts the image's own openssl.cnf in place and removes this fipsmodule.cnf (the runtime
# stage produces its own on the machine that runs the image).
# shellcheck source=common.sh
. /fips/scripts/common.sh
run_recipe python
"$P/bin/python3" -c 'import ssl, _hashlib; print("python-fips: built against", ssl.OPENSSL_VERSION)'
