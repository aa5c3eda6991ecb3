#!/usr/bin/env bash
# fetch-debian-sources.sh - build a local source mirror of upstream OpenSSL and CPython
# tarballs taken from Debian source packages.
#
# Debian's "orig" tarballs are the upstream release files, byte for byte. This script
# downloads them with `apt-get source --download-only PKG/SUITE`, verifies them against the
# Checksums-Sha256 of the package's .dsc (itself checked against apt's signed Sources index),
# checks the upstream OpenPGP signature when Debian ships one, and places them under their
# upstream file names in a flat mirror folder usable as <mirror>file:///...</mirror>.
set -euo pipefail

SELF="$(basename "$0")"
SRC_LIST=/etc/apt/sources.list.d/python-fips-src.sources
SRC_SUITES="bookworm trixie sid bullseye"
# Optional suites: skipped with a warning when apt refuses them (sid's Release file expires between pushes;
# a fresh Debian's apt refuses expired Release files). Every tarball is checked against the catalog anyway.
OPTIONAL_SUITES="sid"
DIR="${PYTHON_FIPS_MIRROR:-$HOME/.cache/python-fips/mirror}"
KEEP_WORK=0

# Targets: source package (a leading ? marks it optional) | suites to try, in order |
# expected upstream version (ERE). sid is a moving target: its newest files may be missing.
TARGETS=(
  "openssl|bookworm|^3\.0\.[0-9]+$"
  "openssl|trixie|^3\.5\.[0-9]+$"
  "python3.11|bookworm|^3\.11\.2$"
  "python3.13|trixie|^3\.13\.[0-9]+$"
  "?python3.14|trixie sid|^3\.14\.[0-9]+$"
  "python3.9|bullseye|^3\.9\.2$"
  # <cryptography> built air-gapped (catalog.json "cryptography"): its sdist with Debian's packaging (the patches that
  # move it to the Rust crates Debian ships), and the sdists of what the build needs in the image or to bootstrap
  "python-cryptography|bookworm|^38\.0\.4$|debian"
  "python-cffi|bookworm|^1\.15\.1$"
  "setuptools|trixie|^78\.1\.1$"
)

log() { printf '[%s] %s\n' "$SELF" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<USAGE
Usage: $SELF [--dir DIR] [--keep-work] [--help]

Builds a flat source mirror of upstream tarballs taken from Debian source packages:
$(for t in "${TARGETS[@]}"; do IFS='|' read -r p s v _ <<<"$t"; o=""; [[ "$p" == \?* ]] && o=" optional"; printf '  %-11s from %-11s (upstream version %s)%s\n' "${p#\?}" "$s" "$v" "$o"; done)

  --dir DIR    mirror folder (default: \${PYTHON_FIPS_MIRROR:-\$HOME/.cache/python-fips/mirror},
               here: $DIR)
  --keep-work  keep the temporary apt-get source work folder (for debugging)

Steps: ensures the deb-src entry $SRC_LIST
(suites: $SRC_SUITES) and runs apt-get update when it changed or an index is missing;
for each target runs \`apt-get source --download-only PKG/SUITE\` in a temp folder; checks
each file's SHA-256 against the .dsc's Checksums-Sha256 and the .dsc against apt's index,
checks the tarball's single top-level folder (Python-X.Y.Z/ or openssl-X.Y.Z/), verifies
the upstream .asc with Debian's debian/upstream/signing-key.asc when both exist.

Result (flat, upstream names): DIR/openssl-3.0.N.tar.gz[.asc], DIR/Python-3.11.2.tgz,
DIR/Python-3.9.2.tar.xz, ... plus DIR/SHA256SUMS (sha256sum format, sorted),
DIR/PROVENANCE.txt, and DIR/debian/ (the .dsc files and upstream signing keys used).
CPython's upstream gzip tarballs are named Python-X.Y.Z.tgz (python.org's name).
Idempotent: files already in DIR with the checksums of the current .dsc are not downloaded
again, but are verified again.
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; DIR="$2"; shift 2 ;;
    --dir=*) DIR="${1#--dir=}"; shift ;;
    --keep-work) KEEP_WORK=1; shift ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

for tool in apt-get sha256sum tar awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done

APT=(apt-get -o DPkg::Lock::Timeout=600)

# A minimal Debian (debootstrap minbase, slim images) has no xz: the Python tarballs are .tar.xz.
if ! command -v xz >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || die "xz is missing and installing xz-utils needs root"
  log "xz not found: installing xz-utils"
  DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y -q xz-utils >&2 \
    || { "${APT[@]}" -q update >&2 && DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y -q xz-utils >&2; } \
    || die "cannot install xz-utils"
fi
START_ALL=$(date +%s)

# --- 1. the deb-src entry ---------------------------------------------------------------
deb_src_list() {
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$1"
}
WANT_LIST="$(deb_src_list "$SRC_SUITES")"

need_update=0
if [ -f "$SRC_LIST" ] && [ "$(cat "$SRC_LIST")" = "$WANT_LIST" ]; then
  log "deb-src entry $SRC_LIST is in place"
else
  [ "$(id -u)" -eq 0 ] || die "$SRC_LIST is missing or differs and writing it needs root"
  log "writing deb-src entry $SRC_LIST"
  printf '%s\n' "$WANT_LIST" >"$SRC_LIST"
  need_update=1
fi
for s in $SRC_SUITES; do
  if ! compgen -G "/var/lib/apt/lists/*_dists_${s}_main_source_Sources*" >/dev/null; then
    log "no Sources index for $s yet"
    need_update=1
  fi
done

apt_update() {
  [ "$(id -u)" -eq 0 ] || die "apt-get update needs root"
  local i s required=""
  for i in 1 2 3; do
    log "apt-get update (attempt $i)"
    if "${APT[@]}" -q update >&2; then return 0; fi
    if [ "$i" -eq 1 ] && [ -n "$OPTIONAL_SUITES" ]; then
      # Often an optional suite's expired Release file: drop the optional suites and go on without them.
      for s in $SRC_SUITES; do
        case " $OPTIONAL_SUITES " in *" $s "*) ;; *) required="$required${required:+ }$s" ;; esac
      done
      log "WARNING: apt-get update failed; retrying without the optional suite(s) $OPTIONAL_SUITES (their targets are skipped)"
      SRC_SUITES="$required"
      OPTIONAL_SUITES=""
      deb_src_list "$SRC_SUITES" >"$SRC_LIST"
      continue
    fi
    sleep 10
  done
  die "apt-get update failed"
}
[ "$need_update" -eq 0 ] || apt_update

# --- helpers ----------------------------------------------------------------------------
sha256() { sha256sum "$1" | awk '{print $1}'; }

# dsc_sha256 DSC NAME: the Checksums-Sha256 entry for NAME in DSC (empty if absent).
dsc_sha256() {
  awk -v n="$2" '
    /^Checksums-Sha256:/ { in_s = 1; next }
    in_s && /^[^ ]/      { in_s = 0 }
    in_s && $3 == n      { print $1; exit }' "$1"
}

# upstream_name PKG ORIG_FILE: the upstream release file name for a Debian orig tarball.
upstream_name() {
  local pkg="$1" orig="$2" ver ext
  ver="${orig#"${pkg}"_}"; ver="${ver%%.orig.tar.*}"
  ext="${orig##*.orig.}"
  case "$pkg" in
    openssl) printf 'openssl-%s.%s\n' "$ver" "$ext" ;;
    python3.*)
      case "$ext" in
        tar.gz) printf 'Python-%s.tgz\n' "$ver" ;;   # python.org names its gzip tarballs .tgz
        *)      printf 'Python-%s.%s\n' "$ver" "$ext" ;;
      esac ;;
    python-cryptography) printf 'cryptography-%s.%s\n' "$ver" "$ext" ;;   # PyPI's sdist names
    python-cffi) printf 'cffi-%s.%s\n' "$ver" "$ext" ;;
    setuptools) printf 'setuptools-%s.%s\n' "$ver" "$ext" ;;
    *) die "no upstream naming rule for source package $pkg" ;;
  esac
}

top_folder() {
  case "$1" in
    openssl) printf 'openssl-%s/\n' "$2" ;;
    python3.*) printf 'Python-%s/\n' "$2" ;;
    python-cryptography) printf 'cryptography-%s/\n' "$2" ;;
    python-cffi) printf 'cffi-%s/\n' "$2" ;;
    setuptools) printf 'setuptools-%s/\n' "$2" ;;
  esac
}

# check_top_folder FILE PREFIX: every entry of the tarball lies under PREFIX.
check_top_folder() {
  local file="$1" prefix="$2" first bad
  first="$(tar -tf "$file" | awk 'NR == 1 { print; exit }' || true)"
  bad="$(tar -tf "$file" | awk -v p="$prefix" 'index($0, p) != 1 && $0 != substr(p, 1, length(p) - 1) { n++ } END { print n + 0 }')"
  [ "${first%%/*}/" = "$prefix" ] || die "$file: first entry is '$first', expected $prefix"
  [ "$bad" -eq 0 ] || die "$file: $bad entries lie outside $prefix"
  log "  top-level folder: $prefix (first entry '$first')"
}

# verify_signature FILE ASC KEY_ASC: prints the result; dies on a bad signature.
verify_signature() {
  local file="$1" asc="$2" key="$3" kr out
  if [ -z "$asc" ]; then echo "none shipped by Debian"; return; fi
  if [ ! -s "$key" ]; then echo "not checked (no debian/upstream/signing-key.asc)"; return; fi
  if ! command -v gpgv >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then
    echo "not checked (gpg/gpgv missing)"; return
  fi
  kr="$(mktemp)"
  gpg --batch --dearmor <"$key" >"$kr" 2>/dev/null || { rm -f "$kr"; echo "not checked (cannot read signing key)"; return; }
  if out="$(gpgv --keyring "$kr" "$asc" "$file" 2>&1)"; then
    rm -f "$kr"
    printf 'good (%s)\n' "$(printf '%s\n' "$out" | awk '/using .* key/ { print $NF; exit }')"
  else
    rm -f "$kr"
    printf '%s\n' "$out" >&2
    die "BAD upstream signature on $file"
  fi
}

WORK_ROOT="$(mktemp -d /var/tmp/python-fips-srcfetch.XXXXXX)"
cleanup() { if [ "$KEEP_WORK" -eq 1 ]; then log "work folder kept: $WORK_ROOT"; else rm -rf "$WORK_ROOT"; fi; }
trap cleanup EXIT
# apt-get source downloads as the _apt user when it can write the folder (no sandbox warning).
chmod 755 "$WORK_ROOT"
if id _apt >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then chown _apt:root "$WORK_ROOT"; fi

mkdir -p "$DIR/debian"
DIR="$(cd "$DIR" && pwd)"
log "mirror folder: $DIR"

MANAGED=()      # upstream file names placed in DIR
PROV_ROWS=()    # file|package|version|suite|dsc|sha256|signature
SUMMARY_ROWS=()

# --- 2. each target ---------------------------------------------------------------------

# suite_versions PKG SUITE: versions of source package PKG in SUITE's Sources index, newest first.
suite_versions() {
  local pkg="$1" suite="$2" f
  for f in /var/lib/apt/lists/*_dists_"${suite}"_main_source_Sources*; do
    [ -e "$f" ] || continue
    /usr/lib/apt/apt-helper cat-file "$f" 2>/dev/null \
      | awk -v p="$pkg" '/^Package: / { cur = $2 } /^Version: / && cur == p { print $2 }'
  done | sort -u | sort_debian_versions
}

# sort_debian_versions: stdin versions -> stdout, newest first (dpkg ordering).
sort_debian_versions() {
  local -a vs=(); local v i j t
  while read -r v; do [ -n "$v" ] && vs+=("$v"); done
  for ((i = 0; i < ${#vs[@]}; i++)); do
    for ((j = i + 1; j < ${#vs[@]}; j++)); do
      if dpkg --compare-versions "${vs[j]}" gt "${vs[i]}"; then t="${vs[i]}"; vs[i]="${vs[j]}"; vs[j]="$t"; fi
    done
  done
  [ "${#vs[@]}" -eq 0 ] || printf '%s\n' "${vs[@]}"
}

# fetch_candidate PKG SUITE SELECTOR WANT [debian]: tries one apt-get source selector (PKG/SUITE or
# PKG=VERSION); with "debian", Debian's packaging tarball (.debian.tar.*) is placed in the mirror too, under its
# Debian name (it is not an upstream file: a build applies patches from it, the catalog pins it). Returns 0 and appends to MANAGED/PROV_ROWS/SUMMARY_ROWS on success, 1 if this
# candidate is not usable (not in the index, wrong version, not downloadable). Dies on any
# verification failure (a checksum or signature that does not match is never skipped over).
fetch_candidate() {
  local pkg="$1" suite="$2" sel="$3" want="$4" keepdeb="${5:-}"
  local t0 uris files dsc dsc_index_sha orig asc debtar upver up up_asc keyfile reuse work
  local dscpath src_orig exp got src_asc asc_sha sig debver pair from to f deb_sha=""
  t0=$(date +%s)
  uris="$(apt-get source --print-uris "$sel" 2>/dev/null)" || { log "$sel: not in the Sources indexes"; return 1; }

  # Lines: 'URI' NAME SIZE SHA256:HASH
  files="$(printf '%s\n' "$uris" | awk '/^\x27/ { h = $4; sub(/^SHA256:/, "", h); print $2, h }')"
  dsc="$(printf '%s\n' "$files" | awk '$1 ~ /\.dsc$/ { print $1; exit }')"
  dsc_index_sha="$(printf '%s\n' "$files" | awk '$1 ~ /\.dsc$/ { print $2; exit }')"
  orig="$(printf '%s\n' "$files" | awk '$1 ~ /\.orig\.tar\.[a-z0-9]+$/ { print $1; exit }')"
  asc="$(printf '%s\n' "$files" | awk -v o="$orig" '$1 == o ".asc" { print $1; exit }')"
  debtar="$(printf '%s\n' "$files" | awk '$1 ~ /\.debian\.tar\.[a-z0-9]+$/ { print $1; exit }')"
  if [ -z "$dsc" ] || [ -z "$orig" ]; then die "$sel: cannot find .dsc and orig tarball in: $files"; fi
  if [ -n "$keepdeb" ] && [ -z "$debtar" ]; then die "$sel: no Debian packaging tarball in: $files"; fi

  upver="${orig#"${pkg}"_}"; upver="${upver%%.orig.tar.*}"
  if ! [[ "$upver" =~ $want ]]; then log "$sel: upstream version $upver does not match $want; skipped"; return 1; fi
  if [[ "$upver" =~ [+~] ]]; then log "$sel: $orig is a repacked tarball ($upver), not an upstream file; skipped"; return 1; fi
  up="$(upstream_name "$pkg" "$orig")"
  up_asc=""; [ -z "$asc" ] || up_asc="$up.asc"
  keyfile="$DIR/debian/${dsc%.dsc}.upstream-signing-key.asc"
  log "$sel ($suite): $dsc -> $up${up_asc:+ + $up_asc}"

  # Reuse what is already in DIR when it matches the current .dsc.
  reuse=0
  if [ -f "$DIR/debian/$dsc" ] && [ "$(sha256 "$DIR/debian/$dsc")" = "$dsc_index_sha" ] \
     && [ -f "$DIR/$up" ] && [ "$(sha256 "$DIR/$up")" = "$(dsc_sha256 "$DIR/debian/$dsc" "$orig")" ] \
     && { [ -z "$asc" ] || { [ -f "$DIR/$up_asc" ] && [ "$(sha256 "$DIR/$up_asc")" = "$(dsc_sha256 "$DIR/debian/$dsc" "$asc")" ]; }; } \
     && { [ -z "$asc" ] || [ -f "$keyfile" ] || [ -f "$keyfile.none" ]; } \
     && { [ -z "$keepdeb" ] || { [ -f "$DIR/$debtar" ] && [ "$(sha256 "$DIR/$debtar")" = "$(dsc_sha256 "$DIR/debian/$dsc" "$debtar")" ]; }; }; then
    reuse=1
    log "  already in the mirror; not downloading again"
  fi

  if [ "$reuse" -eq 0 ]; then
    work="$WORK_ROOT/$pkg-$suite-$(date +%s%N)"
    mkdir -p "$work"; chmod 755 "$work"
    if id _apt >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then chown _apt:root "$work"; fi
    log "  apt-get source --download-only $sel"
    if ! (cd "$work" && apt-get -q source --download-only "$sel" >&2); then
      log "  $sel: listed in the index but could not be downloaded (see apt's errors above)"
      rm -rf "$work"
      return 1
    fi
    for f in "$dsc" "$orig" ${asc:+"$asc"} ${keepdeb:+"$debtar"}; do [ -f "$work/$f" ] || die "$sel: $f was not downloaded"; done
    [ "$(sha256 "$work/$dsc")" = "$dsc_index_sha" ] || die "$work/$dsc does not match apt's Sources index"
    # Upstream signing key shipped in the Debian packaging (if any).
    rm -f "$keyfile" "$keyfile.none"
    if [ -n "$asc" ] && [ -n "$debtar" ] && tar -xf "$work/$debtar" -C "$work" debian/upstream/signing-key.asc 2>/dev/null; then
      cp "$work/debian/upstream/signing-key.asc" "$keyfile"
    else
      : >"$keyfile.none"
    fi
    dscpath="$work/$dsc"; src_orig="$work/$orig"; src_asc="${asc:+$work/$asc}"
  else
    work=""
    dscpath="$DIR/debian/$dsc"; src_orig="$DIR/$up"; src_asc="${asc:+$DIR/$up_asc}"
  fi

  # Verify against the .dsc (downloaded now or kept from an earlier run).
  [ "$(sha256 "$dscpath")" = "$dsc_index_sha" ] || die "$dsc does not match apt's Sources index"
  exp="$(dsc_sha256 "$dscpath" "$orig")"
  [ -n "$exp" ] || die "$dsc has no Checksums-Sha256 entry for $orig"
  got="$(sha256 "$src_orig")"
  [ "$got" = "$exp" ] || die "$orig: SHA-256 $got does not match $dsc ($exp)"
  log "  sha256 $got matches $dsc"
  asc_sha=""
  if [ -n "$asc" ]; then
    asc_sha="$(sha256 "$src_asc")"
    [ "$asc_sha" = "$(dsc_sha256 "$dscpath" "$asc")" ] || die "$asc: SHA-256 does not match $dsc"
  fi
  if [ -n "$keepdeb" ]; then
    deb_sha="$(sha256 "${work:-$DIR}/$debtar")"
    [ "$deb_sha" = "$(dsc_sha256 "$dscpath" "$debtar")" ] || die "$debtar: SHA-256 does not match $dsc"
    log "  sha256 $deb_sha of $debtar matches $dsc"
  fi
  check_top_folder "$src_orig" "$(top_folder "$pkg" "$upver")"
  sig="$(verify_signature "$src_orig" "$src_asc" "$keyfile")" || die "$sel: upstream signature check failed"
  log "  upstream signature: $sig"
  debver="$(awk '/^Version:/ { print $2; exit }' "$dscpath")"

  # Place into the mirror (atomic rename); keep the .dsc as evidence.
  if [ "$reuse" -eq 0 ]; then
    for pair in "$orig:$up" ${asc:+"$asc:$up_asc"} ${keepdeb:+"$debtar:$debtar"}; do
      from="${pair%%:*}"; to="${pair#*:}"
      cp "$work/$from" "$DIR/.$to.part" && mv -f "$DIR/.$to.part" "$DIR/$to"
    done
    cp "$work/$dsc" "$DIR/debian/.$dsc.part" && mv -f "$DIR/debian/.$dsc.part" "$DIR/debian/$dsc"
    rm -rf "$work"
    log "  placed $DIR/$up${up_asc:+ and $up_asc}"
  fi

  MANAGED+=("$up"); [ -z "$up_asc" ] || MANAGED+=("$up_asc"); [ -z "$keepdeb" ] || MANAGED+=("$debtar")
  [ -z "$keepdeb" ] || PROV_ROWS+=("$debtar|$pkg|$debver|$suite|$dsc|$deb_sha|Debian packaging of $up (patches applied by the build)")
  PROV_ROWS+=("$up|$pkg|$debver|$suite|$dsc|$got|$sig")
  [ -z "$up_asc" ] || PROV_ROWS+=("$up_asc|$pkg|$debver|$suite|$dsc|$asc_sha|upstream signature of $up")
  SUMMARY_ROWS+=("$up|$upver|$pkg $debver ($suite)|$got|$([ "$reuse" -eq 1 ] && echo reused || echo downloaded) $(( $(date +%s) - t0 ))s")
  return 0
}

MISSING=()
updated_once="$need_update"
for t in "${TARGETS[@]}"; do
  IFS='|' read -r pkg suites want keepdeb <<<"$t"
  optional=0
  if [[ "$pkg" == \?* ]]; then optional=1; pkg="${pkg#\?}"; fi
  done_t=0
  for attempt in 1 2; do
    for s in $suites; do
      # First what apt selects for PKG/SUITE (the suite's newest), then the suite's other versions:
      # the archive can list a version in its index that its pool does not (yet/any more) serve.
      if fetch_candidate "$pkg" "$s" "$pkg/$s" "$want" "$keepdeb"; then done_t=1; break; fi
      first="$(apt-get source --print-uris "$pkg/$s" 2>/dev/null | awk '/^Selected version/ { gsub(/\x27/, "", $3); print $3; exit }' || true)"
      while read -r v; do
        if [ -z "$v" ] || [ "$v" = "$first" ]; then continue; fi
        log "$pkg: trying $pkg=$v from the $s index"
        if fetch_candidate "$pkg" "$s" "$pkg=$v" "$want" "$keepdeb"; then done_t=1; break 2; fi
      done < <(suite_versions "$pkg" "$s")
    done
    [ "$done_t" -eq 1 ] && break
    if [ "$attempt" -eq 1 ] && [ "$updated_once" -eq 0 ]; then
      log "$pkg: nothing usable in $suites; refreshing the indexes once and retrying"
      apt_update; updated_once=1
    else
      break
    fi
  done
  if [ "$done_t" -eq 0 ]; then
    if [ "$optional" -eq 1 ]; then
      log "WARNING: $pkg ($want) is not downloadable from $suites on this archive; skipped (optional)"
      MISSING+=("$pkg from $suites")
      SUMMARY_ROWS+=("-|-|$pkg ($suites)|-|UNAVAILABLE (optional)")
    else
      die "$pkg: no downloadable source package matching $want in: $suites"
    fi
  fi
done

# --- 3. SHA256SUMS and PROVENANCE.txt ---------------------------------------------------
(
  cd "$DIR"
  printf '%s\n' "${MANAGED[@]}" | LC_ALL=C sort -u | while read -r f; do sha256sum "$f"; done >".SHA256SUMS.part"
  mv -f .SHA256SUMS.part SHA256SUMS
  sha256sum --quiet -c SHA256SUMS >&2 || die "SHA256SUMS does not verify"
)
{
  echo "# Upstream source tarballs taken from Debian source packages by scripts/fetch-debian-sources.sh."
  echo "# Debian's orig tarballs are the upstream release files; each file's SHA-256 was checked against"
  echo "# the Checksums-Sha256 of the .dsc below (kept in debian/), and each .dsc against apt's signed"
  echo "# Sources index for http://deb.debian.org/debian. Upstream signatures were checked with the"
  echo "# signing key Debian ships in debian/upstream/signing-key.asc where one exists."
  echo "# Generated: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "#"
  echo "# file | debian source package | debian version | suite | .dsc | sha256 | upstream signature"
  printf '%s\n' "${PROV_ROWS[@]}" | LC_ALL=C sort -t'|' -k1,1 | sed 's/|/ | /g'
} >"$DIR/.PROVENANCE.txt.part"
mv -f "$DIR/.PROVENANCE.txt.part" "$DIR/PROVENANCE.txt"

# --- 4. summary -------------------------------------------------------------------------
echo
printf '%-26s %-9s %-38s %-64s %s\n' FILE VERSION "DEBIAN SOURCE (SUITE)" SHA256 ACTION
for r in "${SUMMARY_ROWS[@]}"; do
  IFS='|' read -r a b c d e <<<"$r"
  printf '%-26s %-9s %-38s %-64s %s\n' "$a" "$b" "$c" "$d" "$e"
done
echo
for m in ${MISSING[@]+"${MISSING[@]}"}; do log "WARNING: not in the mirror (not downloadable here): $m"; done
log "mirror: $DIR (SHA256SUMS, PROVENANCE.txt, debian/); total $(( $(date +%s) - START_ALL ))s"
