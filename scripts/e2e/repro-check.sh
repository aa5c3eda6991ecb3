#!/bin/sh
# Reproducibility check: two cold builds of one generated build context, then the installed prefix of each image
# compared byte for byte. See docs/supply-chain.md, "Reproducible output".
set -eu

usage() {
  cat <<'EOF'
Usage: scripts/e2e/repro-check.sh [--buildkit] [--tags A B] CONTEXT_DIR
       scripts/e2e/repro-check.sh --images IMAGE_A IMAGE_B

Builds CONTEXT_DIR (a generated context, e.g. target/fips/<cell>/ after mvn fips:generate) twice with
`docker build --no-cache --network host`, every layer built again (the base image must be present), then reads the
installed prefix of each image the way fips:export does (docker create, never started, + docker cp IMAGE:<prefix> -)
and compares the two tar streams: SHA-256 of each, then every entry that differs (content, link, mode, owner, mtime)
or exists in one only. fips:export repacks exactly this stream (a pure function of it: same stream, same
python-fips-<cell>-<arch>.tar.gz), so equal streams mean equal runtime tarballs.

Options:
  --images A B   compare two images that already exist; nothing is built
  --tags A B     tags of the two builds (default repro-a:1 repro-b:1); existing tags are replaced
  --buildkit     build with BuildKit (default: the classic builder, DOCKER_BUILDKIT=0, what fabric8's
                 docker:build uses through the Engine API)
  -h, --help     this text

Environment: REPRO_LOGDIR keeps the build logs and the two prefix tars (default: a new temporary folder, printed).
Needs docker and python3. A cold build of a cell with <optimizations>none takes 6-15 minutes on 2 cores.
Exit status: 0 equal, 1 different, 2 usage or build error. Images are left in the engine (docker rmi them).
EOF
}

die() { echo "repro-check: $*" >&2; exit 2; }

images=""
tag_a=repro-a:1
tag_b=repro-b:1
buildkit=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --images) [ $# -ge 3 ] || die "--images needs two images"; images="$2 $3"; shift 3 ;;
    --tags) [ $# -ge 3 ] || die "--tags needs two tags"; tag_a="$2"; tag_b="$3"; shift 3 ;;
    --buildkit) buildkit=1; shift ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done
command -v docker >/dev/null || die "docker is not installed (scripts/e2e/ensure-docker.sh)"
command -v python3 >/dev/null || die "python3 is needed to compare the tar streams"
logs="${REPRO_LOGDIR:-$(mktemp -d)}"
mkdir -p "$logs"

if [ -z "$images" ]; then
  [ $# -eq 1 ] || { usage >&2; exit 2; }
  ctx="$1"
  [ -f "$ctx/Dockerfile" ] || die "$ctx has no Dockerfile: give a generated context (target/fips/<cell>/)"
  for tag in "$tag_a" "$tag_b"; do
    log="$logs/build-$(echo "$tag" | tr '/:' '__').log"
    t0=$(date +%s)
    if ! DOCKER_BUILDKIT=$buildkit docker build --no-cache --network host -t "$tag" "$ctx" > "$log" 2>&1; then
      tail -n 20 "$log" >&2
      die "cold build $tag failed: see $log"
    fi
    echo "cold build $tag: $(($(date +%s) - t0)) s (log $log)"
  done
  set -- "$tag_a" "$tag_b"
else
  # shellcheck disable=SC2086  # two image references, split on purpose
  set -- $images
fi

prefix_of() {  # the install prefix the image declares (ENV PYTHON_FIPS_PREFIX of the generated Dockerfile)
  docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" | sed -n 's/^PYTHON_FIPS_PREFIX=//p'
}

extract() {  # extract IMAGE OUT: the prefix as docker cp prints it, from a container that is never started
  prefix=$(prefix_of "$1")
  [ -n "$prefix" ] || die "image $1 has no PYTHON_FIPS_PREFIX: not a python-fips image"
  container=$(docker create --network none "$1") || die "docker create $1 failed"
  if ! docker cp "$container:$prefix" - > "$2"; then
    docker rm "$container" >/dev/null
    die "docker cp $container:$prefix failed"
  fi
  docker rm "$container" >/dev/null
}

extract "$1" "$logs/prefix-a.tar"
extract "$2" "$logs/prefix-b.tar"
sum_a=$(sha256sum "$logs/prefix-a.tar" | cut -d' ' -f1)
sum_b=$(sha256sum "$logs/prefix-b.tar" | cut -d' ' -f1)
echo "prefix of $1: sha256 $sum_a ($(wc -c < "$logs/prefix-a.tar") bytes)"
echo "prefix of $2: sha256 $sum_b ($(wc -c < "$logs/prefix-b.tar") bytes)"
echo "image ids: $(docker image inspect -f '{{.Id}}' "$1") $(docker image inspect -f '{{.Id}}' "$2")"

python3 - "$logs/prefix-a.tar" "$logs/prefix-b.tar" "$sum_a" "$sum_b" <<'PY'
import hashlib, sys, tarfile

def load(path):
    out, order = {}, []
    with tarfile.open(path) as t:
        for m in t:
            digest = hashlib.sha256(t.extractfile(m).read()).hexdigest() if m.isfile() else ""
            out[m.name] = {"type": m.type, "link": m.linkname, "sha256": digest, "size": m.size, "mode": oct(m.mode),
                           "owner": (m.uid, m.gid, m.uname, m.gname), "mtime": m.mtime}
            order.append(m.name)
    return out, order

(a, order_a), (b, order_b) = load(sys.argv[1]), load(sys.argv[2])
rows = []
for name in sorted(set(a) | set(b)):
    if name not in a or name not in b:
        rows.append(("only in " + ("A" if name in a else "B"), name, ""))
        continue
    for key in ("type", "link", "sha256", "mode", "owner", "mtime"):
        if a[name][key] != b[name][key]:
            if key == "sha256":
                rows.append(("content", name, "(%d -> %d bytes)" % (a[name]["size"], b[name]["size"])))
            else:
                rows.append((key, name, "%s -> %s" % (a[name][key], b[name][key])))
print("entries: %d and %d; order %s" % (len(a), len(b), "identical" if order_a == order_b else "DIFFERENT"))
if not rows and order_a == order_b:
    if sys.argv[3] == sys.argv[4]:
        print("RESULT: EQUAL - the two prefix tars are byte-identical")
        sys.exit(0)
    print("RESULT: DIFFERENT bytes, but every entry (name, order, content, link, mode, owner, mtime) is the same")
    sys.exit(1)
kinds = {}
for kind, _, _ in rows:
    kinds[kind] = kinds.get(kind, 0) + 1
print("RESULT: DIFFERENT - %d difference(s): %s" % (len(rows), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
for kind, name, detail in rows:
    print("  %-9s %s %s" % (kind, name, detail))
sys.exit(1)
PY
