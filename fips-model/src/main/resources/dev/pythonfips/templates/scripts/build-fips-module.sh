#!/bin/sh
# Stage "build", step 1: the FIPS module, from its unmodified tarball, with the canonical commands only: exactly
# the commands of /fips/env/fips-module.commands (the cell's build recipe; manifest.json "buildCommands"):
#  - FIPS Object Module 2.0.x: gunzip -c | tar xf - ; ./config ; make ; make install  (installs /usr/local/ssl/fips-2.0)
#  - OpenSSL 3 provider of another version than the library: ./Configure enable-fips ; make ; make install_fips,
#    then the module (fips.so) is placed next to our library's modules. Its fipsmodule.cnf is NOT kept:
#    fipsinstall runs on the machine that runs the image.
#  - provider of the library's own version: no commands here; built with the library (build-openssl.sh).
# shellcheck source=common.sh
. /fips/scripts/common.sh
if [ -s /fips/env/fips-module.commands ]; then
  verify_source "$PYFIPS_FIPS_TARBALL"
else
  log "FIPS provider $PYFIPS_FIPS_VERSION is built together with the OpenSSL library of the same tarball (build-openssl.sh)"
fi
run_recipe fips-module
