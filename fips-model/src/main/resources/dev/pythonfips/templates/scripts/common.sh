# Shared helpers for the python-fips build scripts (POSIX sh; sourced, not run).
# Every distro runs the same scripts; only packages.sh differs per distro.
set -eu
# Each layer sees only the env files of its own inputs (/fips/env/*.env: FIPS module, OpenSSL, finishing, runtime),
# so a change elsewhere in the cell cannot invalidate it; cell.env (the compile inputs) arrives after the OpenSSL
# layers, finish.env (what the prefix keeps) after the Python compile.
for env in /fips/env/*.env /fips/cell.env; do
  # shellcheck source=/dev/null
  if [ -f "$env" ]; then . "$env"; fi
done
# shellcheck disable=SC2034  # P is used by the scripts that source this file
P="$PYFIPS_PREFIX"

log() { echo "python-fips[${PYFIPS_CELL_ID:-$PYFIPS_LOG_ID}]: $*"; }
die() { echo "python-fips[${PYFIPS_CELL_ID:-$PYFIPS_LOG_ID}]: ERROR: $*" >&2; exit 1; }

# verify_source FILE: checks FILE against sources/SHA256SUMS before a byte of it is used.
verify_source() {
  f="$1"
  [ -f "/fips/sources/$f" ] || die "source tarball sources/$f is missing from the build context (run mvn fips:generate with source fetching on)"
  line=$(cat /fips/sources/SHA256SUMS* | grep -m1 "  $f\$") || die "sources/SHA256SUMS has no entry for $f"
  (cd /fips/sources && echo "$line" | sha256sum -c -) >/dev/null || die "SHA-256 mismatch for sources/$f: refusing to build"
  log "verified $f ($(echo "$line" | cut -c1-16)...)"
}

# unpack FILE DIR: extracts a verified tarball into DIR.
unpack() {
  verify_source "$1"
  mkdir -p "$2"
  case "$1" in
    *.tar.xz) xz -dc "/fips/sources/$1" | tar -x -f - -C "$2" ;;
    *) gunzip -c "/fips/sources/$1" | tar -x -f - -C "$2" ;;
  esac
}

# The job count of parallel make (the literal make -j"$PYFIPS_JOBS" of the recipes): the build machine's, never a
# cell input, so it cannot invalidate a cached layer.
# shellcheck disable=SC2034  # used by the commands run_recipe evaluates
PYFIPS_JOBS=$(nproc 2>/dev/null || echo 2)

# run_recipe STEP: runs the build commands of STEP (fips-module, openssl, python) exactly as listed, one a line, in
# /fips/env/STEP.commands: the cell's build recipe, the same list as manifest.json "buildCommands". Each command is
# logged ("run STEP: COMMAND") and appended to /fips/ran/STEP.commands (finish-install.sh ships that record in the
# image, where fips:verify compares it with the manifest) before it runs. Commands run in this shell (eval), so a
# cd or unset carries on to the next one; set -e stops at the first failure.
run_recipe() {
  step="$1"
  [ -f "/fips/env/$step.commands" ] || die "/fips/env/$step.commands is missing from the build context"
  mkdir -p /fips/ran
  : > "/fips/ran/$step.commands"
  while IFS= read -r cmd <&3; do
    log "run $step: $cmd"
    printf '%s\n' "$cmd" >> "/fips/ran/$step.commands"
    eval "$cmd" 3<&-
  done 3< "/fips/env/$step.commands"
}
