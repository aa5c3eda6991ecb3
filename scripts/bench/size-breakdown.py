#!/usr/bin/env python3
"""What the layers an image adds to its base are made of, by kind of file, raw and gzip.

    docker save IMAGE -o image.tar
    python3 scripts/bench/size-breakdown.py image.tar BASE_LAYER_COUNT [PREFIX]

Reads the layers after the first BASE_LAYER_COUNT (`docker image inspect -f '{{len .RootFS.Layers}}' BASE`) and
sorts every regular file into one kind: bytecode and sources (stdlib or site-packages), ensurepip's wheels, the
interpreter executable, libpython, OpenSSL's libraries and FIPS module, the extension modules (lib-dynload), other
ELF files, other files under PREFIX (default /opt/python-fips), and files outside it (the runtime packages). Each kind
is packed as a tar of its own and compressed with gzip -6, as a registry push compresses a layer, so the gzip column
says what leaving that kind out would save (the kinds' sum differs a little from the layers' own gzip total: folders,
links and whiteouts are left out, and each stream starts with an empty dictionary). Run by scripts/bench/run.sh in
its size section.
"""
import gzip
import io
import json
import sys
import tarfile

PYC_STDLIB = "bytecode (.pyc), stdlib"
PYC_SITE = "bytecode (.pyc), site-packages"
PY_STDLIB = "sources (.py), stdlib"
PY_SITE = "sources (.py), site-packages"
WHEELS = "ensurepip's wheels (.whl)"
EXECUTABLE = "bin/python3.X (the executable)"
LIBPYTHON = "libpython3.X.so"
OPENSSL_LIBS = "libcrypto + libssl"
FIPS_MODULE = "FIPS module (fips.so)"
EXTENSIONS = "extension modules (lib-dynload)"
OTHER_ELF = "other ELF files"
OTHER_PREFIX = "other files in the prefix"
OUTSIDE = "outside the prefix (runtime packages)"
KINDS = [PYC_STDLIB, PYC_SITE, PY_STDLIB, PY_SITE, WHEELS, EXECUTABLE, LIBPYTHON, OPENSSL_LIBS, FIPS_MODULE,
         EXTENSIONS, OTHER_ELF, OTHER_PREFIX, OUTSIDE]


def kind(path, head, prefix):
    """The kind of the file at PATH (absolute, in the image) whose first bytes are HEAD."""
    if not path.startswith(prefix + "/"):
        return OUTSIDE
    rel = path[len(prefix) + 1:]
    site = "/site-packages/" in rel
    if rel.endswith(".pyc"):
        return PYC_SITE if site else PYC_STDLIB
    if rel.endswith(".py"):
        return PY_SITE if site else PY_STDLIB
    if rel.endswith(".whl"):
        return WHEELS
    if head != b"\x7fELF":
        return OTHER_PREFIX
    name = rel.rsplit("/", 1)[-1]
    if rel.startswith("bin/python"):
        return EXECUTABLE
    if name.startswith("libpython"):
        return LIBPYTHON
    if name.startswith(("libcrypto", "libssl")):
        return OPENSSL_LIBS
    if name == "fips.so":
        return FIPS_MODULE
    if "/lib-dynload/" in rel:
        return EXTENSIONS
    return OTHER_ELF


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__)
    image_tar, nbase = argv[1], int(argv[2])
    prefix = (argv[3] if len(argv) == 4 else "/opt/python-fips").rstrip("/")
    packs = {k: io.BytesIO() for k in KINDS}
    zips = {k: gzip.GzipFile(fileobj=packs[k], mode="wb", compresslevel=6, mtime=0) for k in KINDS}
    tars = {k: tarfile.open(fileobj=zips[k], mode="w") for k in KINDS}
    raw = dict.fromkeys(KINDS, 0)
    files = dict.fromkeys(KINDS, 0)
    with tarfile.open(image_tar) as image:
        layers = json.load(image.extractfile("manifest.json"))[0]["Layers"]
        for layer_name in layers[nbase:]:
            with tarfile.open(fileobj=image.extractfile(layer_name)) as layer:
                for member in layer:
                    if not member.isfile() or member.name.rsplit("/", 1)[-1].startswith(".wh."):
                        continue
                    data = layer.extractfile(member).read()
                    k = kind("/" + member.name.lstrip("./"), data[:4], prefix)
                    tars[k].addfile(member, io.BytesIO(data))
                    raw[k] += member.size
                    files[k] += 1
    for k in KINDS:
        tars[k].close()  # the tar's end blocks; the GzipFile stays open
        zips[k].close()  # the gzip trailer
    print(f"   {'kind':<40} {'files':>6} {'raw MB':>8} {'gzip MB':>8}")
    for k in KINDS:
        if files[k]:
            print(f"   {k:<40} {files[k]:>6} {raw[k] / 1e6:>8.2f} {len(packs[k].getvalue()) / 1e6:>8.2f}")
    total_gz = sum(len(p.getvalue()) for p in packs.values())
    print(f"   {'all kinds':<40} {sum(files.values()):>6} {sum(raw.values()) / 1e6:>8.2f} {total_gz / 1e6:>8.2f}")


if __name__ == "__main__":
    main(sys.argv)
