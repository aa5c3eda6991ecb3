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
