#!/bin/sh
# Stage "build", step 4 (with <cryptography> only): pyca/cryptography from its verified sdist, patched to use only the
# FIPS module, compiled against OUR OpenSSL: exactly the commands of /fips/env/cryptography.commands (the cell's build
# recipe; manifest.json "buildCommands"). Never a wheel carrying its own OpenSSL.
# shellcheck source=common.sh
. /fips/scripts/common.sh
while read -r _ file; do
  verify_source "$file"
done < /fips/sources/SHA256SUMS.cryptography
run_recipe cryptography
"$P/bin/python3" - <<'PY'
import cryptography
from cryptography.hazmat.backends.openssl import backend
assert backend._fips_enabled, "cryptography reports FIPS disabled"
print("python-fips: cryptography", cryptography.__version__, "uses", backend.openssl_version_text(), "in FIPS mode")
PY
