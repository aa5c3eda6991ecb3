#!/bin/sh
# Optional: pyca/cryptography built from source against OUR OpenSSL (never a wheel carrying its own OpenSSL).
# shellcheck source=common.sh
. /fips/scripts/common.sh
export OPENSSL_DIR="$P" OPENSSL_CONF=/dev/null
export RUSTFLAGS="-C link-args=-Wl,-rpath,$P/lib"
index=""
[ -n "$PYFIPS_PIP_INDEX_URL" ] && index="--index-url $PYFIPS_PIP_INDEX_URL"
# shellcheck disable=SC2086
"$P/bin/python3" -m pip install --no-cache-dir --no-binary cryptography $index "cryptography==$PYFIPS_CRYPTOGRAPHY"
"$P/bin/python3" - <<'PY'
import cryptography
from cryptography.hazmat.backends.openssl import backend
print("python-fips: cryptography", cryptography.__version__, "uses", backend.openssl_version_text())
PY
