#!/usr/bin/env python3
"""What the layers an image adds to its base are made of, by kind of file, raw and gzip.

    docker save IMAGE -o image.tar
    python3 scripts/bench/size-breakdown.py image.tar BASE_LAYER_COUNT [PREFIX]

Reads the layers after the first BASE_LAYER_COUNT (`docker image inspect -f '{{len .RootFS.Layers}}' BASE`) and
sorts every regular file into one kind: bytecode and sources (stdlib or site-packages), ensurepip's wheels, the
interpreter executable, libpython, OpenSSL's libraries and FIPS module, the extension modules (lib-dynload), other
ELF files, other files under PREFIX (default /opt/python-fips), and files outside it (the runtime packages). Each kind
is packed as a tar of its own and compressed with gzip -6, as a registry push compresses a layer, so the gzip column
says what leaving that kind out would save (the kinds' sum is a little above the layers' own gzip total: each stream
starts with an empty dictionary). Run by scripts/bench/run.sh in its size section.
"""
import gzip
import io
import json
import sys
import tarfile

KINDS = [
    "bytecode (.pyc), stdlib",
    "bytecode (.pyc), site-packages",
    "sources (.py), stdlib",
    "sources (.py), site-packages",
    "ensurepip's wheels (.whl)",
    "bin/python3.X (the executable)",
    "libpython3.X.so",
    "libcrypto + libssl",
    "FIPS module (fips.so)",
    "extension modules (lib-dynload)",
    "other ELF files",
    "other files in the prefix",
    "outside the prefix (runtime packages)",
]


def kind(path, head, prefix):
    if not path.startswith(prefix + "/"):
        return KINDS[12]
    rel = path[len(prefix) + 1:]
    site = "/site-packages/" in rel
    if rel.endswith(".pyc"):
        return KINDS[1] if site else KINDS[0]
    if rel.endswith(".py"):
        return KINDS[3] if site else KINDS[2]
    if rel.endswith(".whl"):
        return KINDS[4]
    if head != b"\x7fELF":
        return KINDS[11]
    name = rel.rsplit("/", 1)[-1]
    if rel.startswith("bin/python"):
        return KINDS[5]
    if name.startswith("libpython"):
        return KINDS[6]
    if name.startswith(("libcrypto", "libssl")):
        return KINDS[7]
    if name == "fips.so":
        return KINDS[8]
    if "/lib-dynload/" in rel:
        return KINDS[9]
    return KINDS[10]


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
