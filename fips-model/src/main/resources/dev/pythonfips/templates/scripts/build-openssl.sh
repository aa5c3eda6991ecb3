#!/bin/sh
# Stage "build", step 2: the OpenSSL library (libcrypto/libssl) Python links against, installed in the prefix
# with an rpath so nothing picks up a system OpenSSL: exactly the commands of /fips/env/openssl.commands (the
# cell's build recipe; manifest.json "buildCommands").
# shellcheck source=common.sh
. /fips/scripts/common.sh
verify_source "$PYFIPS_OPENSSL_TARBALL"
run_recipe openssl
log "OpenSSL $("$P/bin/openssl" version) installed in $P"
