import hashlib
import ssl

print("app: sha256", hashlib.sha256(b"app").hexdigest()[:16], "over", ssl.OPENSSL_VERSION)
