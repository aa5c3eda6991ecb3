#!/bin/sh
# Completes this build context when it was generated with source fetching off (-Dfips.sources.fetch=false):
# downloads every tarball listed in sources/URLS that is not there yet and verifies it against
# sources/SHA256SUMS. A mismatch deletes the download and fails. Needs curl or wget.
set -eu
cd "$(dirname "$0")/sources" || exit 1
while read -r file url; do
  [ -n "$file" ] || continue
  if [ ! -f "$file" ]; then
    echo "fetch-sources: downloading $url"
    if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$file.part" "$url"; else wget -q -O "$file.part" "$url"; fi
    mv "$file.part" "$file"
  fi
  if ! grep "  $file\$" SHA256SUMS | sha256sum -c - >/dev/null 2>&1; then
    rm -f "$file"
    echo "fetch-sources: SHA-256 mismatch for $file: deleted, refusing to continue" >&2
    exit 1
  fi
  echo "fetch-sources: $file verified"
done < URLS
