#!/bin/sh
# Stage "build", last step: slim the prefix and install the runtime helpers and the conformance check.
# shellcheck source=common.sh
. /fips/scripts/common.sh
libexec="$P/libexec/python-fips"
share="$P/share/python-fips"
mkdir -p "$libexec" "$share" "$P/ssl"
cp /fips/scripts/entrypoint.sh "$libexec/"
sed "s|@FIPS_KIND@|$PYFIPS_FIPS_KIND|g" /fips/scripts/fipsinstall.sh > "$libexec/fipsinstall.sh"
chmod 0755 "$libexec/entrypoint.sh" "$libexec/fipsinstall.sh"
# `openssl` on the PATH fails closed like Python: the real binary moves to libexec behind a wrapper.
mv "$P/bin/openssl" "$libexec/openssl"
sed "s|@PREFIX@|$P|g; s|@FIPS_KIND@|$PYFIPS_FIPS_KIND|g" /fips/scripts/openssl-wrapper.sh > "$P/bin/openssl"
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
cp /fips/openssl.cnf "$P/ssl/openssl.cnf"
rm -f "$P/ssl/fipsmodule.cnf"
# Our OpenSSL has its own OPENSSLDIR: its default CA file (ssl/cert.pem) is a copy of the distro's bundle as this
# stage's CA package made it, so TLS verifies out of the box and the runtime image needs no CA package (on Debian,
# ca-certificates pulls in the distro's openssl and libssl3, about 8 MB that our Python never loads).
[ -s "$PYFIPS_CA_BUNDLE" ] || die "the distro's CA bundle $PYFIPS_CA_BUNDLE is missing or empty in the build stage"
rm -f "$P/ssl/cert.pem"
cp -L "$PYFIPS_CA_BUNDLE" "$P/ssl/cert.pem"
chmod 0644 "$P/ssl/cert.pem"
log "CA bundle: $PYFIPS_CA_BUNDLE -> $P/ssl/cert.pem ($(grep -c 'BEGIN CERTIFICATE' "$P/ssl/cert.pem") certificates)"
# Reproducible output: every mtime in the prefix is the build date (the Dockerfile's ARG SOURCE_DATE_EPOCH, from
# project.build.outputTimestamp), not the moment make install or pip wrote the file.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  find "$P" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  log "mtimes of the prefix set to the build date $SOURCE_DATE_EPOCH"
fi
du -sh "$P" | sed 's/^/python-fips: prefix size /'
