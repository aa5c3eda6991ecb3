#!/bin/sh
# Stage "build", cryptography's package layer (Debian family): downloads the distro binary packages named in
# /fips/env/cryptography.env (apt checks each against the archive's signed index) and unpacks them into
# PYFIPS_UNPACK_DIR without installing them: none of them, nor their dependencies (the distro's own python3), enters
# the system. The cryptography step puts them on PYTHONPATH for its builds only.
set -eu
. /fips/env/cryptography.env
[ -n "$PYFIPS_UNPACK_PACKAGES" ] || exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
mkdir -p "$PYFIPS_UNPACK_DIR" /fips/build/debs
# shellcheck disable=SC2086  # a list of package names
(cd /fips/build/debs && apt-get download $PYFIPS_UNPACK_PACKAGES)
for deb in /fips/build/debs/*.deb; do
  echo "python-fips: unpacking $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version) into $PYFIPS_UNPACK_DIR"
  dpkg-deb -x "$deb" "$PYFIPS_UNPACK_DIR"
done
# apt's lists and logs hold the clock: nothing of them stays in the layer
rm -rf /fips/build/debs /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /var/cache/ldconfig/aux-cache
