#!/bin/sh
# Completes this build context when it was generated with source fetching off (-Dfips.sources.fetch=false):
# fetches every tarball listed in sources/URLS that is not there yet, trying its URLs in the order of the pom's
# <mirrors> (file: folders are copied), and verifies it against sources/SHA256SUMS. A mismatch deletes the
# file and fails. Needs curl or wget for http(s) mirrors.
set -eu
cd "$(dirname "$0")/sources" || exit 1
fetch() { # fetch URL FILE
  case "$1" in
    file:*) path="${1#file:}"; cp "/${path#"${path%%[!/]*}"}" "$2" ;;
    *) if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$2" "$1"; else wget -q -O "$2" "$1"; fi ;;
  esac
}
while read -r file urls; do
  [ -n "$file" ] || continue
  if [ ! -f "$file" ]; then
    for url in $urls; do
      echo "fetch-sources: fetching $url"
      if fetch "$url" "$file.part" 2>/dev/null; then
        mv "$file.part" "$file"
        break
      fi
      rm -f "$file.part"
      echo "fetch-sources: not available from $url" >&2
    done
    [ -f "$file" ] || { echo "fetch-sources: no mirror has $file (tried: $urls)" >&2; exit 1; }
  fi
  if ! grep "  $file\$" SHA256SUMS | sha256sum -c - >/dev/null 2>&1; then
    rm -f "$file"
    echo "fetch-sources: SHA-256 mismatch for $file: deleted, refusing to continue" >&2
    exit 1
  fi
  echo "fetch-sources: $file verified"
done < URLS
