"""python-fips conformance check: run inside a built image.

    python3 /opt/python-fips/share/python-fips/conformance.py [--json] [--only=NAME,NAME...]

Reads manifest.json next to this file (what the cell promises) and checks the running image against it.
Prints one line per check (PASS/FAIL/SKIP name: detail); with --json prints a JSON document instead.
Exit status: 0 when every check passed or was skipped, 1 otherwise.
"""
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = json.load(open(os.path.join(HERE, "manifest.json")))
# python-fips decided these once (manifest.json "decisions", "layout"): the checks read them, never re-derive them
DECISIONS = MANIFEST["decisions"]
LAYOUT = MANIFEST["layout"]
PREFIX = LAYOUT["prefix"]
POLICY = MANIFEST["policy"]  # named in messages only
LEGACY = DECISIONS["legacyModule"]
PATCHED = MANIFEST["python"].get("patched", True)

results = []
# --only=NAME,...: run only these checks (fips:audit runs the fail-closed ones against an application image)
ONLY = set(",".join(a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--only=")).split(",")) - {""}


def check(name, description):
    def wrap(fn):
        if ONLY and name not in ONLY:
            return fn
        try:
            outcome = fn()
            if outcome is None:
                outcome = ("pass", "")
            elif isinstance(outcome, str):
                outcome = ("pass", outcome)
        except AssertionError as e:
            outcome = ("fail", str(e))
        except Exception as e:  # a crash in a check is a failure of that check, never of the run
            outcome = ("fail", "%s: %s" % (type(e).__name__, e))
        results.append({"name": name, "description": description, "status": outcome[0], "message": outcome[1]})
        return fn
    return wrap


def run(args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def python_snippet(code):
    return run([sys.executable, "-c", code])


def parse_providers(text):
    """Parses `openssl list -providers`: provider ids at two spaces, their fields at four."""
    providers, current = {}, None
    for line in text.splitlines():
        if line.startswith("    ") and current is not None and ":" in line:
            key, value = line.strip().split(":", 1)
            providers[current][key.strip()] = value.strip()
        elif line.startswith("  ") and not line.startswith("   "):
            current = line.strip()
            providers[current] = {}
    return providers


def refused(fn):
    """True when fn raises ValueError (what hashlib/hmac raise for a digest FIPS does not allow)."""
    try:
        fn()
    except ValueError:
        return True
    return False


@check("fips-provider-active", "the FIPS provider (or FIPS Object Module) is loaded and active")
def _():
    if LEGACY:
        import ssl
        assert hasattr(ssl, "FIPS_mode"), "ssl.FIPS_mode missing: the 3.9 FIPS patch is not applied"
        ssl.FIPS_mode_set(1)
        assert ssl.FIPS_mode() == 1, "ssl.FIPS_mode() is %r after FIPS_mode_set(1)" % ssl.FIPS_mode()
        return "ssl.FIPS_mode() == 1"
    rc, out, err = run([os.path.join(LAYOUT["bin"], "openssl"), "list", "-providers"])
    assert rc == 0, "openssl list -providers failed: %s" % err.strip()
    providers = parse_providers(out)
    assert "fips" in providers, "no fips provider listed:\n" + out
    fips = providers["fips"]
    assert fips.get("status") == "active", "fips provider not active: %r" % fips
    want = MANIFEST["fips"]["version"]
    assert fips.get("version") == want, "fips provider version is %r, expected %s" % (fips.get("version"), want)
    return "fips %s active" % want


@check("default-properties-fips", "FIPS is the default for every algorithm fetch (_hashlib.get_fips_mode())")
def _():
    if LEGACY:
        return ("skip", "OpenSSL 1.0.2: covered by fips-provider-active")
    import _hashlib
    assert _hashlib.get_fips_mode() == 1, "get_fips_mode() = %r" % _hashlib.get_fips_mode()


@check("openssl-version", "ssl.OPENSSL_VERSION is the configured library release")
def _():
    import ssl
    want = "OpenSSL " + MANIFEST["openssl"]["version"]
    assert ssl.OPENSSL_VERSION.startswith(want + " ") or ssl.OPENSSL_VERSION.startswith(want + "-"), \
        "ssl.OPENSSL_VERSION is %r, expected %s" % (ssl.OPENSSL_VERSION, want)
    return ssl.OPENSSL_VERSION


@check("links-our-libcrypto", "_ssl and _hashlib resolve libcrypto/libssl from the prefix, not the system")
def _():
    import _ssl
    import _hashlib
    bad = []
    for mod in (_ssl, _hashlib):
        rc, out, err = run(["ldd", mod.__file__])
        assert rc == 0, "ldd %s failed: %s" % (mod.__file__, err)
        for line in out.splitlines():
            if "libcrypto" in line or "libssl" in line:
                if "=>" not in line or not line.split("=>")[1].strip().startswith(PREFIX + "/"):
                    bad.append("%s: %s" % (os.path.basename(mod.__file__), line.strip()))
            if "not found" in line:
                bad.append("%s: %s" % (os.path.basename(mod.__file__), line.strip()))
    assert not bad, "; ".join(bad)
    return "libcrypto from " + LAYOUT["lib"]


@check("no-missing-libraries", "every shared object in the prefix finds its libraries")
def _():
    missing = []
    for so in sorted(glob.glob(os.path.join(LAYOUT["lib"], "python*", "lib-dynload", "*.so"))):
        rc, out, _ = run(["ldd", so])
        missing += ["%s: %s" % (os.path.basename(so), l.strip()) for l in out.splitlines() if "not found" in l]
    assert not missing, "; ".join(missing)


@check("approved-digests-work", "sha256, sha3_256 and hmac-sha256 work")
def _():
    import hashlib
    import hmac
    assert hashlib.sha256(b"abc").hexdigest().startswith("ba7816bf"), "sha256 gave a wrong digest"
    assert hashlib.sha3_256(b"abc").hexdigest().startswith("3a985da7"), "sha3_256 gave a wrong digest"
    assert hashlib.new("sha512", b"abc").hexdigest().startswith("ddaf35a1"), "sha512 gave a wrong digest"
    mac = hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "sha256").hexdigest()
    assert mac.startswith("f7bc83f4"), "hmac-sha256 gave a wrong MAC"


@check("tls-trust-store", "ssl.create_default_context() loads the distro's CA certificates (TLS verifies out of the box)")
def _():
    import ssl
    ctx = ssl.create_default_context()
    n = ctx.cert_store_stats()["x509_ca"]
    assert n > 0, "no CA certificate loaded (default verify paths: %s)" % (ssl.get_default_verify_paths(),)
    return "%d CA certificates from %s" % (n, ssl.get_default_verify_paths().openssl_cafile)


@check("md5-refused-for-security", "md5 is refused for security use (hashlib.new and hashlib.md5)")
def _():
    import hashlib
    assert refused(lambda: hashlib.new("md5", b"x")), "hashlib.new('md5') succeeded in FIPS mode"
    if hasattr(hashlib, "md5"):
        assert refused(lambda: hashlib.md5(b"x")), "hashlib.md5() succeeded in FIPS mode"


@check("builtin-hash-modules", "exactly the builtin hash modules the manifest records are built (builtinHashes)")
def _():
    import importlib.util
    want = set(MANIFEST["python"].get("builtinHashModules", []))
    # _hmac: 3.14's HACL* HMAC module, with builtin MD5/SHA-1/SHA-2/SHA-3/BLAKE2 of its own (absent before 3.14)
    every = {"_md5", "_sha1", "_sha256", "_sha512", "_sha2", "_sha3", "_blake2", "_hmac"}
    present = {m for m in every if importlib.util.find_spec(m) is not None}
    assert present == want, "builtin hash modules present: %s, expected %s (builtinHashes=%s)" % (
        sorted(present), sorted(want), MANIFEST["python"].get("builtinHashes"))
    return "builtinHashes=%s: %s" % (MANIFEST["python"].get("builtinHashes"), ", ".join(sorted(present)) or "none built")


@check("build-commands-recorded", "each build step ran exactly the commands manifest.json lists (buildCommands)")
def _():
    # run_recipe (scripts/common.sh) records every command before it runs it; finish-install.sh ships the record
    want = MANIFEST["buildCommands"]
    total = 0
    for step, commands in want.items():
        record = os.path.join(HERE, "ran", step + ".commands")
        assert os.path.isfile(record), "no record of build step %s (%s)" % (step, record)
        with open(record) as f:
            ran = f.read().splitlines()
        assert ran == commands, "build step %s ran %r, manifest.json lists %r" % (step, ran, commands)
        total += len(ran)
    return "%d commands in %d steps (%s), as manifest.json lists" % (total, len(want), ", ".join(want))


@check("no-compiler", "the runtime image has no C compiler")
def _():
    found = [c for c in ("gcc", "cc", "clang", "c99", "tcc") if shutil.which(c)]
    assert not found, "compiler present: %s" % found


@check("non-root", "the image runs as a non-root user")
def _():
    assert os.geteuid() != 0, "running as root"
    return "uid %d" % os.geteuid()


# ---- fail closed: no crypto outside FIPS mode, whatever the environment or start path ----

GUARD_MESSAGE = "is disabled because OpenSSL is not in FIPS mode"
OUTSIDE_FIPS = [
    ({"OPENSSL_CONF": "/dev/null"}, "OPENSSL_CONF=/dev/null"),
    ({"OPENSSL_CONF": os.path.join(LAYOUT["ssl"], "missing.cnf")}, "OPENSSL_CONF at a missing file"),
    ({"OPENSSL_MODULES": "/nonexistent"}, "OPENSSL_MODULES elsewhere"),
]


@check("fails-closed-environment", "hashlib, hmac, ssl and _hashlib refuse to load when the environment points OpenSSL away from FIPS")
def _():
    if LEGACY:
        return ("skip", "OpenSSL 1.0.2: FIPS_mode_set(1) at import; no configuration to redirect")
    for env, what in OUTSIDE_FIPS:
        for code in ("import hashlib; hashlib.md5(b'x')", "import _hashlib", "import hmac", "import ssl"):
            rc, out, err = run([sys.executable, "-c", code], env=env)
            assert rc != 0, "with %s, `%s` succeeded outside FIPS mode" % (what, code)
            assert GUARD_MESSAGE in err and "Fix:" in err, \
                "with %s, `%s` failed without the python-fips message: %s" % (what, code, err.strip()[-300:])
    return "%d environments x 4 imports refused, e.g. %s" % (len(OUTSIDE_FIPS), err.strip().splitlines()[-1][:200])


@check("openssl-cli-fails-closed", "the openssl command refuses to run when the environment points it away from FIPS")
def _():
    if LEGACY:
        return ("skip", "OpenSSL 1.0.2: the wrapper sets OPENSSL_FIPS=1")
    openssl = os.path.join(LAYOUT["bin"], "openssl")
    for env, what in OUTSIDE_FIPS:
        rc, out, err = run([openssl, "dgst", "-md5", "/dev/null"], env=env)
        assert rc != 0, "with %s, openssl dgst -md5 succeeded: %s" % (what, out.strip())
        assert "python-fips" in err, "with %s, openssl failed without the python-fips message: %s" % (what, err.strip()[-300:])
    rc, out, err = run([openssl, "dgst", "-md5", "/dev/null"])
    assert rc != 0, "openssl dgst -md5 succeeded in FIPS mode: %s" % out.strip()
    rc, out, err = run([openssl, "dgst", "-sha256", "/dev/null"])
    assert rc == 0 and "e3b0c442" in out, "openssl dgst -sha256 failed: %s" % err.strip()
    return "refused in %d environments; md5 refused and sha256 works in FIPS mode" % len(OUTSIDE_FIPS)


@check("fips-module-config", "the FIPS module configuration was produced on this machine (fipsInstall)")
def _():
    if LEGACY:
        return ("skip", "OpenSSL 1.0.2: no module configuration")
    conf = LAYOUT["fipsModuleCnf"]
    assert os.access(conf, os.R_OK), "%s is not readable" % conf
    if DECISIONS["startupInstall"]:
        assert os.path.islink(conf), "fipsInstall=startup, but %s is not a link to the run-time copy" % conf
        return "startup: %s -> %s, written on first use" % (conf, os.readlink(conf))
    assert not os.path.islink(conf), "fipsInstall=build, but %s is a link" % conf
    return "build: %s written when the image was built" % conf


# ---- checks that need our CPython FIPS patches ----

def needs_patch():
    if not PATCHED:
        return ("skip", "this cell's Python is built without the python-fips patch")
    return None


@check("random-loads-no-openssl", "import random and tempfile load no OpenSSL; SHA-512 only when random is seeded from str/bytes")
def _():
    skip = needs_patch()
    if skip:
        return skip
    crypto = ("_hashlib", "hashlib", "_ssl")
    rc, out, err = python_snippet("import sys, random, tempfile; print(getattr(random, '_sha512', None) is None, "
                                  "' '.join(m for m in %r if m in sys.modules))" % (crypto,))
    assert rc == 0, "import random, tempfile failed: " + err.strip()[-300:]
    lazy, _, loaded = out.strip().partition(" ")
    # with <builtinHashes>all an eager import takes the builtin module and loads no OpenSSL either: random._sha512 tells
    assert lazy == "True", "import random imported SHA-512 (random._sha512 is set): the python-fips random.py hunk is missing"
    assert loaded == "", "import random, tempfile imported %s (it loads OpenSSL and its FIPS provider)" % loaded
    # CPython's test_random.test_guaranteed_stable: the first number after seed("the quick brown fox", version=2)
    rc, out, err = python_snippet("import sys, random; r = random.Random('the quick brown fox'); "
                                  "print(r.random().hex(), '_hashlib' in sys.modules)")
    assert rc == 0, "seeding random from a str failed: " + err.strip()[-300:]
    value, via_openssl = out.split()
    assert value == "0x1.1239ddfb11b7cp-3", "seed('the quick brown fox') gave %s, CPython guarantees 0x1.1239ddfb11b7cp-3" % value
    builtin = {"_sha512", "_sha2"} & set(MANIFEST["python"].get("builtinHashModules", []))
    if builtin:
        return "import random, tempfile load no OpenSSL; a str seed uses the builtin %s" % ", ".join(sorted(builtin))
    assert via_openssl == "True", "a str seed did not take SHA-512 from OpenSSL, and no builtin SHA-512 is built"
    return "import random, tempfile load no OpenSSL; a str seed takes SHA-512 from OpenSSL (0x1.1239ddfb11b7cp-3, as CPython guarantees)"


@check("hashlib-import-silent", "import hashlib prints nothing")
def _():
    rc, out, err = python_snippet("import hashlib")
    assert rc == 0, "import hashlib failed: " + err
    assert out == "" and err == "", "import hashlib printed: %r" % (out + err)[:300]


@check("hash-names-importable", "every name in hashlib.algorithms_guaranteed is importable")
def _():
    skip = needs_patch()
    if skip:
        return skip
    import hashlib
    missing = [n for n in sorted(hashlib.algorithms_guaranteed) if not hasattr(hashlib, n)]
    assert not missing, "missing: %s" % missing
    rc, _, err = python_snippet("from hashlib import md5, sha1, blake2b, blake2s")
    assert rc == 0, err.strip().splitlines()[-1] if err.strip() else "import failed"


@check("pip-works", "python3 -m pip --version works under FIPS (built without pip: pip and ensurepip are absent)")
def _():
    skip = needs_patch()
    if skip:
        return skip
    rc, out, err = run([sys.executable, "-m", "pip", "--version"])
    if not DECISIONS["pip"]:
        assert rc != 0, "built without pip (pip=false), yet python3 -m pip runs: " + out.strip()
        present = [m for m in ("pip", "ensurepip") if importlib.util.find_spec(m) is not None]
        assert not present, "built without pip (pip=false), yet importable: %s" % present
        return "absent, as built (pip=false): " + (err.strip().splitlines() or ["no output"])[-1]
    assert rc == 0, (err.strip().splitlines() or ["pip failed"])[-1]
    return out.strip()


@check("pip-no-binary", "pip builds the packages whose wheels carry their own OpenSSL from source (/etc/pip.conf no-binary)")
def _():
    want = MANIFEST.get("pipNoBinary", [])
    if not want:
        return ("skip", "no package listed in the manifest")
    import configparser
    conf = configparser.ConfigParser()
    assert conf.read("/etc/pip.conf"), "/etc/pip.conf is missing"
    got = [p.strip() for p in conf.get("global", "no-binary", fallback="").split(",") if p.strip()]
    assert got == want, "/etc/pip.conf no-binary is %s, expected %s" % (got, want)
    if DECISIONS["pip"]:
        # what pip reads (config get looks at one file only; list shows the merged configuration)
        rc, out, err = run([sys.executable, "-m", "pip", "config", "list"])
        assert rc == 0 and "global.no-binary='%s'" % ",".join(want) in out.splitlines(), \
            "pip does not read it: %s %s" % (out.strip(), err.strip()[-200:])
    return "no-binary = " + ",".join(got)


@check("interpreter-linkage", "python3 is linked as the manifest says (executable-pie/-no-pie: the interpreter in the "
       "executable, no libpython; shared: it loads libpython, installed for programs that embed Python)")
def _():
    want = MANIFEST["python"]["interpreterLinkage"]
    exe = os.path.realpath(sys.executable)
    with open(exe, "rb") as f:
        header = f.read(18)
    assert header[:4] == b"\x7fELF", "%s is not an ELF file" % exe
    # e_type: 2 an executable at a fixed address, 3 a position-independent one (or a shared object)
    pie = int.from_bytes(header[16:18], "little" if header[5] == 1 else "big") == 3
    with open("/proc/self/maps") as f:
        loaded = sorted({line.split()[-1] for line in f if "/libpython" in line})
    installed = sorted(glob.glob(os.path.join(LAYOUT["lib"], "libpython3*.so*")))
    if DECISIONS["sharedLibpython"]:
        assert loaded, "linkage shared, yet %s runs without libpython" % exe
        return "shared: %s loads %s" % (exe, ", ".join(loaded))
    assert not loaded, "linkage %s, yet %s loaded %s" % (want, exe, ", ".join(loaded))
    assert not installed, "linkage %s builds no libpython, yet the image has %s" % (want, ", ".join(installed))
    assert pie == DECISIONS["pieExecutable"], "linkage %s, yet %s is %s" % (
        want, exe, "position-independent" if pie else "at a fixed address")
    return "%s: %s is %s; no libpython" % (want, exe, "position-independent" if pie else "at a fixed address")


@check("blake2-refused-for-security", "blake2b/blake2s are refused for security use")
def _():
    import hashlib
    assert refused(lambda: hashlib.new("blake2b", b"x")), "hashlib.new('blake2b') succeeded"
    if hasattr(hashlib, "blake2b"):
        assert refused(lambda: hashlib.blake2b(b"x")), "hashlib.blake2b() succeeded"
        assert refused(lambda: hashlib.blake2s(b"x")), "hashlib.blake2s() succeeded"


@check("hmac-md5-refused", "hmac with md5 is refused")
def _():
    import hmac
    assert refused(lambda: hmac.new(b"k", b"m", "md5").digest()), "hmac.new(..., 'md5') succeeded"
    assert refused(lambda: hmac.digest(b"k", b"m", "md5")), "hmac.digest(..., 'md5') succeeded"


@check("usedforsecurity-policy", "usedforsecurity=False follows the configured policy")
def _():
    # OpenSSL 1.0.2 cells are generated only with allow-non-security (EVP_MD_CTX_FLAG_NON_FIPS_ALLOW cannot be
    # refused there); fips-provider-active has put this process in FIPS mode already.
    import hashlib
    def nonsec():
        return hashlib.new("md5", b"x", usedforsecurity=False).hexdigest()
    if not DECISIONS["nonSecurityUse"]:
        assert refused(nonsec), "policy strict, but md5 with usedforsecurity=False succeeded"
        return "strict: md5 refused even with usedforsecurity=False"
    assert not refused(nonsec), "policy allow-non-security, but md5 with usedforsecurity=False was refused"
    assert nonsec() == "9dd4e461268c8034f5c8564e155c67a6", "md5 gave a wrong digest"
    return "allow-non-security: md5 allowed only with usedforsecurity=False"


@check("cryptography-uses-our-openssl", "cryptography (if installed) uses our OpenSSL with FIPS enabled")
def _():
    want = MANIFEST.get("cryptography", "")
    if not want:
        return ("skip", "cryptography not configured for this cell")
    import cryptography
    from cryptography.hazmat.backends.openssl import backend
    assert cryptography.__version__ == want, "cryptography %s, expected %s" % (cryptography.__version__, want)
    assert backend.openssl_version_text().startswith("OpenSSL " + MANIFEST["openssl"]["version"]), \
        "cryptography uses " + backend.openssl_version_text()
    assert backend._fips_enabled, "cryptography reports FIPS disabled"
    return "%s, FIPS enabled (%s)" % (backend.openssl_version_text(), MANIFEST["cryptographyBuild"]["source"])


def embedded_openssl(path):
    """The SSL libraries linked into an ELF file (audit.py's detection, shipped next to this file)."""
    sys.path.insert(0, HERE)
    try:
        from audit import linked_in
    finally:
        sys.path.remove(HERE)
    with open(path, "rb") as f:
        return ["%s (%s)" % kv for kv in linked_in(f.read())]


def cryptography_modules():
    import cryptography
    root = os.path.dirname(cryptography.__file__)
    return sorted(glob.glob(os.path.join(root, "**", "*.so"), recursive=True))


@check("cryptography-links-our-libcrypto", "cryptography's extension modules use only this image's libcrypto/libssl (ldd; no OpenSSL linked in)")
def _():
    if not MANIFEST.get("cryptography", ""):
        return ("skip", "cryptography not configured for this cell")
    mods = cryptography_modules()
    assert mods, "cryptography has no extension modules"
    bad, linked = [], 0
    for so in mods:
        rc, out, err = run(["ldd", so])
        assert rc == 0, "ldd %s failed: %s" % (so, err)
        for line in out.splitlines():
            if "libcrypto" in line or "libssl" in line:
                linked += 1
                if "=>" not in line or not line.split("=>")[1].strip().startswith(PREFIX + "/"):
                    bad.append("%s: %s" % (os.path.basename(so), line.strip()))
            if "not found" in line:
                bad.append("%s: %s" % (os.path.basename(so), line.strip()))
        embedded = embedded_openssl(so)
        if embedded:
            bad.append("%s has OpenSSL linked in (%s)" % (os.path.basename(so), ", ".join(embedded)))
    assert not bad, "; ".join(bad)
    assert linked, "no cryptography module links libcrypto (%s)" % ", ".join(os.path.basename(m) for m in mods)
    return "%d modules (%s); libcrypto/libssl from %s/lib only" % (
        len(mods), ", ".join(os.path.basename(m) for m in mods), PREFIX)


@check("cryptography-refuses-non-approved", "cryptography refuses MD5, a non-approved cipher (ChaCha20) and KDF (scrypt); SHA-256 and AES-GCM work")
def _():
    if not MANIFEST.get("cryptography", ""):
        return ("skip", "cryptography not configured for this cell")
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    def refuses(fn):
        try:
            fn()
        except Exception as e:  # UnsupportedAlgorithm, or InternalError when OpenSSL refuses the fetch
            return type(e).__name__
        return None

    def md5():
        h = hashes.Hash(hashes.MD5())
        h.update(b"x")
        return h.finalize()
    refused = {
        "MD5": refuses(md5),
        "ChaCha20": refuses(lambda: Cipher(algorithms.ChaCha20(b"k" * 32, b"n" * 16), mode=None).encryptor()),
        "scrypt": refuses(lambda: Scrypt(salt=b"s" * 16, length=32, n=2 ** 4, r=8, p=1).derive(b"secret")),
    }
    allowed = [name for name, why in refused.items() if why is None]
    assert not allowed, "cryptography allowed %s in FIPS mode (policy %s)" % (", ".join(allowed), POLICY)
    h = hashes.Hash(hashes.SHA256())
    h.update(b"")
    assert h.finalize().hex().startswith("e3b0c442"), "SHA-256 gave a wrong digest"
    key = AESGCM.generate_key(bit_length=256)
    assert AESGCM(key).decrypt(b"n" * 12, AESGCM(key).encrypt(b"n" * 12, b"data", None), None) == b"data"
    return "refused: " + ", ".join("%s (%s)" % kv for kv in sorted(refused.items())) + "; SHA-256 and AES-256-GCM work"


PROVIDERS_AFTER_CRYPTOGRAPHY = r"""
import ctypes, glob, json, os, sys
from cryptography.hazmat.bindings.openssl.binding import Binding
from cryptography.hazmat.primitives import hashes
Binding()
h = hashes.Hash(hashes.SHA256())
h.update(b"x")
h.finalize()
lib = ctypes.CDLL(sorted(glob.glob(os.path.join(sys.argv[1], "libcrypto.so.*")))[0])
lib.OSSL_PROVIDER_available.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
print(json.dumps({n: lib.OSSL_PROVIDER_available(None, n.encode()) for n in ("fips", "base", "default", "legacy")}))
"""


@check("cryptography-loads-no-provider", "cryptography loads no OpenSSL provider of its own: after it ran, the process has the configuration's (no legacy; no default under strict)")
def _():
    if not MANIFEST.get("cryptography", ""):
        return ("skip", "cryptography not configured for this cell")
    rc, out, err = run([sys.executable, "-c", PROVIDERS_AFTER_CRYPTOGRAPHY, LAYOUT["lib"]])
    assert rc == 0, "cryptography failed: %s" % err.strip()[-300:]
    loaded = json.loads(out.strip().splitlines()[-1])
    # the providers the image's configuration activates (manifest.json, decided with the policy), and no other
    active = MANIFEST["opensslProviders"]
    want = {n: int(n in active) for n in ("fips", "base", "default", "legacy")}
    assert loaded == want, "providers after cryptography ran: %s, expected %s (policy %s)" % (loaded, want, POLICY)
    return "policy %s: %s" % (POLICY, ", ".join(n for n, v in sorted(loaded.items()) if v))


@check("cryptography-fails-closed-environment", "cryptography refuses to load when the environment points OpenSSL away from FIPS")
def _():
    if not MANIFEST.get("cryptography", ""):
        return ("skip", "cryptography not configured for this cell")
    # the lowest-level entry (no x509, whose import of hashlib would trip the hashlib guard first)
    code = "from cryptography.hazmat.bindings.openssl.binding import Binding; Binding(); print('loaded')"
    for env, what in OUTSIDE_FIPS:
        rc, out, err = run([sys.executable, "-c", code], env=env)
        assert rc != 0, "with %s, cryptography loaded outside FIPS mode (printed %s)" % (what, out.strip())
        assert GUARD_MESSAGE in err and "Fix:" in err, \
            "with %s, cryptography failed without the python-fips message: %s" % (what, err.strip()[-300:])
    return "%d environments refused, e.g. %s" % (len(OUTSIDE_FIPS), err.strip().splitlines()[-1][:160])


@check("cryptography-x509-tls", "a certificate made with cryptography (ECDSA P-256, SHA-256) serves a TLS handshake through ssl with an approved suite")
def _():
    if not MANIFEST.get("cryptography", ""):
        return ("skip", "cryptography not configured for this cell")
    import datetime
    import socket
    import ssl
    import tempfile
    import threading
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime(2025, 1, 1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=36500))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .sign(key, hashes.SHA256()))
    with tempfile.TemporaryDirectory() as d:
        certfile, keyfile = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
        with open(certfile, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(keyfile, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(certfile, keyfile)
        client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        client_ctx.load_verify_locations(certfile)
        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        errors = []

        def serve():
            try:
                conn, _ = listener.accept()
                with server_ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.sendall(tls.recv(16))
            except Exception as e:  # reported by the client side's assertion
                errors.append(e)
        t = threading.Thread(target=serve, daemon=True)
        t.start()
        with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
            with client_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(b"ping")
                assert tls.recv(16) == b"ping", "no echo through TLS"
                cipher, version = tls.cipher()[0], tls.version()
                peer = x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))
        t.join(20)
        listener.close()
    assert not errors, "TLS server failed: %r" % errors
    assert peer.fingerprint(hashes.SHA256()) == cert.fingerprint(hashes.SHA256()), "the peer certificate is not ours"
    assert "CHACHA" not in cipher, "negotiated a non-approved suite: " + cipher
    return "%s %s; certificate verified, SHA-256 fingerprint matches" % (version, cipher)


def main():
    failed = [r for r in results if r["status"] == "fail"]
    if "--json" in sys.argv:
        print(json.dumps({"cell": MANIFEST["id"], "checks": results}, indent=2, sort_keys=True))
    else:
        for r in results:
            print("%-4s %s%s" % (r["status"].upper(), r["name"], (": " + r["message"]) if r["message"] else ""))
        print("%d checks, %d failed" % (len(results), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
