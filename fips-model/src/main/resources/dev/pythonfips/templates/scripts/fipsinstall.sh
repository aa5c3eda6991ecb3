#!/bin/sh
# fipsinstall.sh [--if-needed] [PREFIX]
# Runs `openssl fipsinstall` on THIS machine: the FIPS provider's self-tests run and its module configuration
# (MAC of fips.so) is written where <prefix>/ssl/fipsmodule.cnf points. The Security Policy forbids copying that
# file from another machine, so it is never copied between images or stages.
#  - fipsInstall=build: <prefix>/ssl/fipsmodule.cnf is a regular file, written when the image is built.
#  - fipsInstall=startup: <prefix>/ssl/fipsmodule.cnf is a symbolic link to /tmp/python-fips/fipsmodule.cnf,
#    produced on first use by whatever starts first: the entrypoint, Python's _hashlib/_ssl (pyfips_guard.h) or
#    the openssl wrapper. Works with a read-only root filesystem as long as /tmp is writable (tmpfs, emptyDir).
# --if-needed: do nothing when the module configuration is already readable.
# PREFIX defaults to this script's <prefix> (it lives in <prefix>/libexec/python-fips/); never from the environment.
# finish-install.sh fills in the cell's FIPS module kind (its build recipe decides it; nothing here re-derives it).
set -eu
kind='@FIPS_KIND@'
if [ "$kind" = fips-object-module-2 ]; then
  # the FIPS Object Module 2.0 (OpenSSL 1.0.2) has no module configuration: FIPS_mode_set(1) at run time
  exit 0
fi
if_needed=no
if [ "${1:-}" = --if-needed ]; then
  if_needed=yes
  shift
fi
P="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
module="$P/lib/ossl-modules/fips.so"
conf="$P/ssl/fipsmodule.cnf"
if [ ! -f "$module" ]; then
  echo "python-fips: the FIPS provider $module is missing. Fix: rebuild the image; do not remove the module." >&2
  exit 1
fi
if [ "$if_needed" = yes ]; then
  [ -r "$conf" ] && exit 0
  if [ ! -L "$conf" ]; then
    echo "python-fips: the FIPS module configuration $conf is missing or unreadable. Fix: rebuild the image (fipsInstall=build writes it when the image is built) and do not remove it." >&2
    exit 1
  fi
fi
out="$conf"
if [ -L "$conf" ]; then
  out=$(readlink "$conf")
fi
dir=$(dirname "$out")
umask 022
mkdir -p "$dir" 2>/dev/null || true
if [ ! -w "$dir" ]; then
  echo "python-fips: cannot write the FIPS module configuration $out: $dir is not writable. Fix: give the container a writable /tmp (docker run --tmpfs /tmp, or a Kubernetes emptyDir on /tmp), or build the image with <fipsInstall>build</fipsInstall>." >&2
  exit 1
fi
openssl="$P/libexec/python-fips/openssl"
[ -x "$openssl" ] || openssl="$P/bin/openssl"
tmp="$out.$$.tmp"
if ! msg=$(OPENSSL_CONF=/dev/null "$openssl" fipsinstall -module "$module" -out "$tmp" 2>&1); then
  rm -f "$tmp"
  echo "python-fips: openssl fipsinstall failed (the FIPS provider's self-tests did not pass on this machine):" >&2
  echo "$msg" >&2
  exit 1
fi
mv -f "$tmp" "$out"
# Quiet on first use at run time (--if-needed): a program's stderr is not ours to write to.
[ "$if_needed" = yes ] || echo "python-fips: FIPS module self-tests passed, $out written" >&2
