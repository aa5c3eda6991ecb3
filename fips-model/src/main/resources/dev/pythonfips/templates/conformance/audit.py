"""python-fips audit of an application image (fips:audit): run inside an image built FROM a python-fips image.

    python3 -I -S /audit/audit.py PREFIX MANIFEST

conformance.py imports linked_in() from here (the image ships both in share/python-fips/), so a check and the audit
recognise an SSL library linked into a file the same way.

Finds every place crypto could escape the FIPS module: copies of libcrypto/libssl other than the image's own,
ELF files with OpenSSL, BoringSSL or LibreSSL linked in, and Python extension modules with hash or cipher code of
their own (CPython's builtin hash modules the image does not record, pycryptodome). Each finding names the file,
what installed it (the Python distribution from its RECORD, or the Debian package from dpkg's lists) and the fix.

Reads files only: it imports nothing beyond Python's standard library, runs no program of the image, and is run
with -I -S (no PYTHONPATH, no user site, no .pth file of the image executed). Prints one JSON document.
"""
import json
import os
import re
import stat
import sys

SKIP_DIRS = {"/proc", "/sys", "/dev", "/run", "/audit"}
MAX_BYTES = 512 * 1024 * 1024

# Strings only libcrypto's own code carries (a module merely compiled against the headers may carry
# OPENSSL_VERSION_TEXT, never these): its build information, its providers' names, the environment variables its
# configuration and CPU-capability code read. A static link pulls in at least the init code that reads them.
LIBCRYPTO_CODE = (b'OPENSSLDIR: "', b"OpenSSL Default Provider", b"OpenSSL FIPS Provider", b"OPENSSL_CONF_INCLUDE",
                  b"OPENSSL_ia32cap", b"OPENSSL_armcap", b"OPENSSL_ppccap", b"OPENSSL_s390xcap")
OPENSSL_TEXT = re.compile(rb"OpenSSL \d+\.\d+\.\d+[a-z]?(?:-[A-Za-z0-9]+)? +\d{1,2} [A-Z][a-z]{2} \d{4}")
LIBRESSL_TEXT = re.compile(rb"LibreSSL \d+\.\d+\.\d+")
BORINGSSL = b"BoringSSL"
SSL_LIBRARY_NAME = re.compile(r"^lib(crypto|ssl|boringssl|tls)([-.][0-9a-f]{6,})?\.so(\.[0-9.]+)?$")
# CPython's builtin hash modules (3.14's _hmac carries HACL*'s hashes too)
BUILTIN_HASH = re.compile(r"^(_md5|_sha1|_sha256|_sha512|_sha2|_sha3|_blake2|_hmac)\.(cpython-|abi3|so)")
PYCRYPTODOME = re.compile(r"/(Crypto|Cryptodome)/(Hash|Cipher|Protocol|PublicKey|Math)/[^/]+\.so$")


def linked_in(data):
    """The SSL libraries whose code is linked into an ELF file's bytes: a list of (kind, detail), kind being
    libcrypto, boringssl or libressl."""
    found = []
    if any(marker in data for marker in LIBCRYPTO_CODE):
        versions = sorted(set(m.decode() for m in OPENSSL_TEXT.findall(data)))
        found.append(("libcrypto", ", ".join(versions) or "an OpenSSL release"))
    elif BORINGSSL in data:
        found.append(("boringssl", "BoringSSL"))
    libressl = sorted(set(m.decode() for m in LIBRESSL_TEXT.findall(data)))
    if libressl:
        found.append(("libressl", ", ".join(libressl)))
    return found


def our_files(layout):
    """The image's own OpenSSL: the libraries and provider modules of the prefix (their real paths), where the
    image's manifest.json "layout" says they are."""
    ours = set()
    lib = layout["lib"]
    for name in os.listdir(lib) if os.path.isdir(lib) else []:
        if SSL_LIBRARY_NAME.match(name):
            ours.add(os.path.realpath(os.path.join(lib, name)))
    modules = layout["modules"]
    for name in os.listdir(modules) if os.path.isdir(modules) else []:
        ours.add(os.path.realpath(os.path.join(modules, name)))
    return ours


def python_owners(site_dirs):
    """File -> "distribution version" from every RECORD of every site-packages folder found."""
    owners = {}
    for site in sorted(site_dirs):
        try:
            entries = os.listdir(site)
        except OSError:
            continue
        for d in entries:
            if not d.endswith(".dist-info"):
                continue
            dist = d[:-len(".dist-info")].replace("_", "-")
            name, _, version = dist.rpartition("-")
            try:
                with open(os.path.join(site, d, "RECORD"), encoding="utf-8", errors="replace") as f:
                    for line in f:
                        rel = line.split(",")[0]
                        if rel:
                            owners[os.path.normpath(os.path.join(site, rel))] = "%s %s" % (name or dist, version)
            except OSError:
                pass
    return owners


def distro_owners():
    """File -> Debian package from dpkg's lists (empty on other distros)."""
    owners = {}
    info = "/var/lib/dpkg/info"
    for name in sorted(os.listdir(info)) if os.path.isdir(info) else []:
        if name.endswith(".list"):
            pkg = name[:-len(".list")].split(":")[0]
            try:
                with open(os.path.join(info, name), encoding="utf-8", errors="replace") as f:
                    for line in f:
                        owners[line.rstrip("\n")] = pkg
            except OSError:
                pass
    return owners


def walk():
    """Every regular file of the image's filesystem (one device), and the site-packages folders seen."""
    files, sites = [], set()
    for root, dirs, names in os.walk("/"):
        dirs[:] = sorted(d for d in dirs if os.path.join(root, d) not in SKIP_DIRS)
        if os.path.basename(root) in ("site-packages", "dist-packages"):
            sites.add(root)
        for n in sorted(names):
            p = os.path.join(root, n)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                files.append((p, st.st_size))
    return files, sites


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def read(path):
    with open(path, "rb") as f:
        return f.read(MAX_BYTES)


def main(prefix, manifest):
    ours = our_files(manifest["layout"])
    recorded = set(manifest.get("python", {}).get("builtinHashModules", []))
    files, sites = walk()
    py_owner = python_owners(sites)
    pkg_owner = distro_owners()
    findings, elf = [], 0

    def owner(path):
        if path in py_owner:
            return {"kind": "python", "name": py_owner[path]}
        real = os.path.realpath(path)
        if path in pkg_owner or real in pkg_owner:
            return {"kind": "distro", "name": pkg_owner.get(path) or pkg_owner[real]}
        return {"kind": "none", "name": ""}

    def add(kind, path, detail):
        findings.append({"kind": kind, "path": path, "detail": detail, "owner": owner(path)})

    for path, size in files:
        if not is_elf(path):
            continue
        elf += 1
        if os.path.realpath(path) in ours:
            continue
        name = os.path.basename(path)
        linked = dict(linked_in(read(path)))
        if "libcrypto" in linked:
            if SSL_LIBRARY_NAME.match(name):
                add("libcrypto-copy", path, "a copy of libcrypto (%s) other than the image's own" % linked["libcrypto"])
            else:
                add("openssl-linked-in", path, "has OpenSSL's libcrypto linked in (%s)" % linked["libcrypto"])
        elif SSL_LIBRARY_NAME.match(name):
            add("libssl-copy", path, "a copy of %s other than the image's own" % name)
        if "boringssl" in linked:
            add("boringssl-linked-in", path, "has BoringSSL linked in")
        if "libressl" in linked:
            add("libressl-linked-in", path, "has LibreSSL linked in (%s)" % linked["libressl"])
        m = BUILTIN_HASH.match(name)
        if m and m.group(1) not in recorded:
            add("builtin-hash-module", path, "CPython's builtin %s: hash code of its own, outside the FIPS module" % m.group(1))
        if PYCRYPTODOME.search(path):
            add("pycryptodome", path, "pycryptodome's own %s code, outside the FIPS module" % path.split("/")[-2].lower())
    return {"prefix": prefix, "files": len(files), "elf": elf, "sitePackages": sorted(sites), "findings": findings}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], json.load(open(sys.argv[2]))), indent=2, sort_keys=True))
