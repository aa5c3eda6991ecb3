#!/bin/sh
# Stage "build", last step: slim the prefix and install the runtime helpers and the conformance check.
. /fips/scripts/common.sh
libexec="$P/libexec/python-fips"
share="$P/share/python-fips"
mkdir -p "$libexec" "$share" "$P/ssl"
cp /fips/scripts/entrypoint.sh /fips/scripts/fipsinstall.sh "$libexec/"
chmod 0755 "$libexec/entrypoint.sh" "$libexec/fipsinstall.sh"
cp /fips/openssl.cnf "$P/ssl/openssl.cnf"
cp /fips/manifest.json "$share/manifest.json"
cp /fips/conformance/* "$share/"
cp /fips/cell.env "$share/cell.env"
# ---- slimming and bytecode (issue #11): separate scripts, run last so they see everything installed above
sh /fips/scripts/slim-prefix.sh
sh /fips/scripts/compile-bytecode.sh
du -sh "$P" | sed 's/^/python-fips: prefix size /'
