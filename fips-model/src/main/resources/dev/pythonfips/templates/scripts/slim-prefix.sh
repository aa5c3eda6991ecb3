#!/bin/sh
# Stage "build": remove from the prefix what no runtime needs, as docker-library/python and Wolfi do, then strip.
#  - static libraries wherever they are (libpython3.X.a sits in lib/python3.X/config-3.X-*/, 66-68 MB;
#    libcrypto.a/libssl.a in lib/), libtool archives, pkg-config files, headers (nothing compiles in the image;
#    cryptography, if asked for, was built earlier in this stage), man pages and docs;
#  - CPython's test suites (test/, tests/, idle_test/) and the extension modules only they import, unless
#    keepTests, and tkinter/IDLE/turtledemo when the _tkinter extension was not built (no stage installs Tk);
#  - the nis extension (below);
#  - OpenSSL's build-time helpers: c_rehash and CA.pl/tsget (Perl, absent at run time), *.cnf.dist copies;
#  - stale __pycache__ (compile-bytecode.sh writes the bytecode we ship).
# Binaries are stripped, except the FIPS module (fips.so is the validated module: its bytes stay exactly as
# built, fipsinstall MACs them) and, for the FIPS Object Module 2.0 (OpenSSL 1.0.2), libcrypto, which embeds the
# module and its in-core fingerprint. pip keeps working: nothing under site-packages is removed but tests, setuptools
# and pip's Windows launchers; unless the cell is built without pip (pip=false, PYFIPS_PIP=false): then pip, its
# commands and ensurepip (with the wheels venvs install) go too, 7 MB of the 24 MB gzip the image adds; cryptography,
# if asked for, was installed with pip earlier in this stage and stays.
# shellcheck source=common.sh
. /fips/scripts/common.sh
pylib="$P/lib/python$PYFIPS_PYTHON_MINOR"
before=$(du -sk "$P" | cut -f1)

# setuptools (with pkg_resources and _distutils_hack), which ensurepip installs up to 3.11: pip does not need it
# (it builds sdists in an isolated environment), CPython 3.12+ and docker-library's 3.12+ images ship without it;
# 9 MB. `pip install setuptools` brings it back; ensurepip's wheel stays, so venvs still get it on <= 3.11.
if "$P/bin/python3" -m pip show -q setuptools >/dev/null 2>&1; then
  "$P/bin/python3" -m pip uninstall -y -q --no-input setuptools
  log "removed setuptools from site-packages (pip install setuptools brings it back)"
fi
# pip's vendored distlib carries Windows launcher executables (t32/t64/w32/w64[-arm].exe, about 0.7 MB) that pip uses
# only when it installs scripts on Windows; Debian's python3-pip ships without them too (23.0.1+dfsg: no .exe).
find "$pylib/site-packages" -type f -path '*/pip/_vendor/distlib/*.exe' -delete
if [ "$PYFIPS_PIP" = false ]; then
  "$P/bin/python3" -m pip uninstall -y -q --no-input pip
  rm -rf "$pylib/ensurepip"
  rm -f "$P"/bin/pip "$P"/bin/pip3*
  log "removed pip and ensurepip (pip=false): python3 -m venv needs --without-pip"
fi
find "$P" -depth -type d -name __pycache__ -exec rm -rf {} +
find "$P" -type f \( -name '*.a' -o -name '*.la' \) -delete
rm -rf "$P/lib/pkgconfig" "$P/share/man" "$P/share/doc" "$P/ssl/misc" "$P/bin/c_rehash"
rm -f "$P"/ssl/*.dist
rm -rf "$P/include"
rm -f "$P"/bin/python*-config
if [ "$PYFIPS_KEEP_TESTS" = false ]; then
  find "$P/lib" -depth -type d \( -name test -o -name tests -o -name idle_test \) -exec rm -rf {} +
  # the extension modules only CPython's test suite imports (_testcapi, _testinternalcapi, _testbuffer, ...)
  find "$pylib/lib-dynload" -type f \( -name '_test*' -o -name '_ctypes_test*' -o -name '_xxtestfuzz*' \
    -o -name 'xxlimited*' \) -delete
fi
# nis (NIS/YP lookups in the clear; deprecated by PEP 594, gone in 3.13): on Debian libc6-dev brings its headers,
# and at run time it needs libnsl2 -> libtirpc3 -> Kerberos -> the distro's own libssl3/libcrypto. Not shipped, so
# the image carries no second, non-FIPS libcrypto and no runtime stage installs those packages.
rm -f "$pylib"/lib-dynload/nis.*.so
if ! ls "$pylib"/lib-dynload/_tkinter* >/dev/null 2>&1; then
  rm -rf "$pylib/tkinter" "$pylib/idlelib" "$pylib/turtledemo" "$pylib/turtle.py"
  rm -f "$P"/bin/idle3*
fi

keep_unstripped() {
  case "$1" in
    "$PYFIPS_FIPS_MODULE") return 0 ;;
    */libcrypto.so*) [ "$PYFIPS_LEGACY_MODULE" = true ] ;;
    *) return 1 ;;
  esac
}
find "$P" -type f \( -name '*.so*' -o -perm -u+x \) | LC_ALL=C sort | while read -r f; do
  [ "$(head -c4 "$f" | tail -c3)" = ELF ] || continue
  if keep_unstripped "$f"; then
    log "not stripped (module boundary): ${f#"$P"/}"
    continue
  fi
  strip --strip-unneeded "$f" || log "WARNING: cannot strip ${f#"$P"/}"
done
log "slimmed the prefix: $((before / 1024)) MB -> $(($(du -sk "$P" | cut -f1) / 1024)) MB"
