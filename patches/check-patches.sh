#!/bin/sh
# check-patches.sh DIR
#
# Dry-runs every patches/X.Y/python-fips.patch against the CPython source
# tarballs found in DIR and prints one line per tarball:
#   applied            patch -p1 --dry-run succeeded, every hunk exact
#   applied-offset     succeeded, but some hunks only at an offset
#   applied-FUZZ       succeeded only with fuzz (treat as a failure to review)
#   FAILED             at least one hunk did not apply
#   no-patch           no patches/X.Y/python-fips.patch for that minor
# and then one line per patch that no tarball in DIR exercised (not-checked).
#
# Tarball names understood: Python-X.Y.Z.tar.{xz,gz,bz2,tgz} (python.org) and
# Debian orig tarballs pythonX.Y_X.Y.Z.orig.tar.{xz,gz} (same upstream files;
# top folder Python-X.Y.Z/).  The SHA-256 of each tarball is printed so the
# result can be compared with the checksums recorded in the patch headers.
# Exit status: 0 if every tarball with a patch applied without fuzz, else 1.
set -u

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 DIR   (DIR holds Python-X.Y.Z.tar.* files)" >&2
    exit 2
fi
DIR=$1
PATCHES=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-patches.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

status=0
seen=""
found=0
for tarball in "$DIR"/Python-*.tar.* "$DIR"/Python-*.tgz "$DIR"/python3.*_*.orig.tar.*; do
    [ -f "$tarball" ] || continue
    case "$tarball" in *.asc|*.sig|*.sha256|*.sigstore) continue ;; esac
    base=$(basename "$tarball")
    version=$(printf '%s\n' "$base" | sed -n \
        -e 's/^Python-\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)\.t.*$/\1/p' \
        -e 's/^python3\.[0-9]*_\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)\.orig\.t.*$/\1/p')
    if [ -z "$version" ]; then
        printf '%-40s %-28s %s\n' "$base" "-" "skipped (version not recognised)"
        continue
    fi
    found=1
    minor=${version%.*}
    patchfile="$PATCHES/$minor/python-fips.patch"
    sha=$(sha256sum "$tarball" | cut -d' ' -f1)
    if [ ! -f "$patchfile" ]; then
        printf '%-40s %-28s %s  sha256=%s\n' "$base" "-" "no-patch" "$sha"
        continue
    fi
    seen="$seen $minor"
    dest="$WORK/$version"
    mkdir -p "$dest"
    if ! tar -xf "$tarball" -C "$dest" 2>"$WORK/tar.err"; then
        printf '%-40s %-28s %s\n' "$base" "$minor/python-fips.patch" "FAILED (cannot unpack: $(head -1 "$WORK/tar.err"))"
        status=1
        continue
    fi
    tree="$dest/Python-$version"
    if [ ! -d "$tree" ]; then
        tree=$(find "$dest" -mindepth 1 -maxdepth 1 -type d | head -1)
    fi
    out="$WORK/$version.out"
    if patch -p1 --dry-run -d "$tree" <"$patchfile" >"$out" 2>&1; then
        if grep -q 'with fuzz' "$out"; then
            result="applied-FUZZ"
            status=1
        elif grep -q 'offset' "$out"; then
            result="applied-offset"
        else
            result="applied"
        fi
    else
        result="FAILED"
        status=1
    fi
    printf '%-40s %-28s %-15s sha256=%s\n' "$base" "$minor/python-fips.patch" "$result" "$sha"
    if [ "$result" != "applied" ]; then
        sed 's/^/    /' "$out"
    fi
    rm -rf "$dest"
done

if [ "$found" -eq 0 ]; then
    echo "no Python-X.Y.Z.tar.* (or pythonX.Y_X.Y.Z.orig.tar.*) files in $DIR" >&2
fi

for patchfile in "$PATCHES"/*/python-fips.patch; do
    [ -f "$patchfile" ] || continue
    minor=$(basename "$(dirname "$patchfile")")
    case " $seen " in
        *" $minor "*) ;;
        *) printf '%-40s %-28s %s\n' "-" "$minor/python-fips.patch" "not-checked (no $minor tarball in DIR)" ;;
    esac
done
exit $status
