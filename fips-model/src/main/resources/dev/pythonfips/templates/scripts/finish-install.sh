#!/bin/sh
# Stage "build", last step: slim the prefix and install the runtime helpers and the conformance check.
# shellcheck source=common.sh
. /fips/scripts/common.sh
libexec="$PYFIPS_LIBEXEC"
share="$PYFIPS_SHARE"
mkdir -p "$libexec" "$share" "$PYFIPS_SSL"
# fipsinstall.sh and the openssl wrapper are generated for this cell (its paths and FIPS module)
cp /fips/scripts/entrypoint.sh /fips/scripts/fipsinstall.sh "$libexec/"
chmod 0755 "$libexec/entrypoint.sh" "$libexec/fipsinstall.sh"
# `openssl` on the PATH fails closed like Python: the real binary moves to libexec behind a wrapper.
mv "$P/bin/openssl" "$libexec/openssl"
cp /fips/scripts/openssl-wrapper.sh "$P/bin/openssl"
chmod 0755 "$P/bin/openssl"
cp /fips/manifest.json "$share/manifest.json"
# what each build step ran (run_recipe's record): fips:verify compares it with manifest.json "buildCommands"
mkdir -p "$share/ran"
cp /fips/ran/*.commands "$share/ran/"
cp /fips/conformance/* "$share/"
cp /fips/cell.env "$share/cell.env"
# ---- slimming and bytecode (issue #11): separate scripts, run after everything above is installed; compileall
# runs Python, which needs the build-time FIPS configuration (multiprocessing imports hashlib through random)
sh /fips/scripts/slim-prefix.sh
sh /fips/scripts/compile-bytecode.sh
# The image's own configuration (policy) replaces the build-time one, and the build stage's module configuration
# never reaches the image: it is produced on the machine that runs the image.
cp /fips/openssl.cnf "$PYFIPS_SSL/openssl.cnf"
rm -f "$PYFIPS_SSL/fipsmodule.cnf"
# Our OpenSSL has its own OPENSSLDIR: its default CA file (ssl/cert.pem) is a copy of the distro's bundle as this
# stage's CA package made it, so TLS verifies out of the box and the runtime image needs no CA package (on Debian,
# ca-certificates pulls in the distro's openssl and libssl3, about 8 MB that our Python never loads).
[ -s "$PYFIPS_CA_BUNDLE" ] || die "the distro's CA bundle $PYFIPS_CA_BUNDLE is missing or empty in the build stage"
rm -f "$PYFIPS_SSL/cert.pem"
cp -L "$PYFIPS_CA_BUNDLE" "$PYFIPS_SSL/cert.pem"
chmod 0644 "$PYFIPS_SSL/cert.pem"
log "CA bundle: $PYFIPS_CA_BUNDLE -> $PYFIPS_SSL/cert.pem ($(grep -c 'BEGIN CERTIFICATE' "$PYFIPS_SSL/cert.pem") certificates)"
# Reproducible output: every mtime in the prefix is the build date (the Dockerfile's ARG SOURCE_DATE_EPOCH, from
# project.build.outputTimestamp), not the moment make install or pip wrote the file.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  find "$P" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  log "mtimes of the prefix set to the build date $SOURCE_DATE_EPOCH"
fi
du -sh "$P" | sed 's/^/python-fips: prefix size /'
