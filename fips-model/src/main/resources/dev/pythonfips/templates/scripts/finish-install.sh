#!/bin/sh
# Stage "build", last step: slim the prefix and install the runtime helpers and the conformance check.
# shellcheck source=common.sh
. /fips/scripts/common.sh
libexec="$P/libexec/python-fips"
share="$P/share/python-fips"
mkdir -p "$libexec" "$share" "$P/ssl"
cp /fips/scripts/entrypoint.sh /fips/scripts/fipsinstall.sh "$libexec/"
chmod 0755 "$libexec/entrypoint.sh" "$libexec/fipsinstall.sh"
# `openssl` on the PATH fails closed like Python: the real binary moves to libexec behind a wrapper.
mv "$P/bin/openssl" "$libexec/openssl"
sed "s|@PREFIX@|$P|g" /fips/scripts/openssl-wrapper.sh > "$P/bin/openssl"
chmod 0755 "$P/bin/openssl"
cp /fips/openssl.cnf "$P/ssl/openssl.cnf"
# The build stage's module configuration never reaches the image: it is produced on the machine that runs it.
rm -f "$P/ssl/fipsmodule.cnf"
cp /fips/manifest.json "$share/manifest.json"
cp /fips/conformance/* "$share/"
cp /fips/cell.env "$share/cell.env"
pylib="$P/lib/python$PYFIPS_PYTHON_MINOR"
rm -f "$P"/lib/libpython*.a
find "$P" -depth -type d -name __pycache__ -exec rm -rf {} +
if [ "$PYFIPS_KEEP_TESTS" != yes ]; then
  rm -rf "$pylib/test" "$pylib/idlelib/idle_test" "$pylib/tkinter/test" "$pylib/lib2to3/tests"
fi
rm -rf "$P/share/man" "$P/share/doc" "$P/include/openssl" 2>/dev/null || true
find "$P" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c 'file_is_elf() { head -c4 "$1" | grep -q ELF; }; for f; do file_is_elf "$f" && strip --strip-unneeded "$f" 2>/dev/null || true; done' sh {} +
du -sh "$P" | sed 's/^/python-fips: prefix size /'
