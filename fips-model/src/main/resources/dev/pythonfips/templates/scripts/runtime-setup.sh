#!/bin/sh
# Stage "runtime": runtime libraries only, and the non-root user the image runs as.
# shellcheck source=common.sh
. /fips/scripts/common.sh
sh /fips/scripts/packages.sh runtime
if ! grep -q "^python:" /etc/passwd; then
  echo "python:x:$PYFIPS_UID:$PYFIPS_UID:python-fips:/home/python:/sbin/nologin" >> /etc/passwd
  grep -q "^python:" /etc/group || echo "python:x:$PYFIPS_UID:" >> /etc/group
fi
mkdir -p /home/python
chown "$PYFIPS_UID:$PYFIPS_UID" /home/python
# pip (ours, a venv's, the distro's) builds these from source instead of installing wheels that carry their own
# OpenSSL or BoringSSL: against this image's OpenSSL where the build has what it needs, else it fails, saying so.
cat > /etc/pip.conf <<EOF
# python-fips: wheels of these packages carry their own OpenSSL or BoringSSL, outside the FIPS module, so pip builds
# them from source. Build them in a build stage FROM this image with the prefix's headers (or use <cryptography>,
# which python-fips builds into the image); mvn fips:audit finds what slips through.
[global]
no-binary = $PYFIPS_PIP_NO_BINARY
EOF
