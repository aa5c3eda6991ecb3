# Shared part of the package layer (POSIX sh; sourced by packages.sh, which defines install_packages for its
# distro): installs the packages of a Dockerfile stage, listed in /fips/env/packages-STAGE.env (generated from
# distros.json; each stage's list is its own file, so changing one reuses the other stages' layers).
stage="${1:?usage: packages.sh patch|build|rust|runtime}"
list="/fips/env/packages-$stage.env"
case "$stage" in
  patch|build|rust|runtime) ;;
  *) echo "packages.sh: unknown stage $stage" >&2; exit 2 ;;
esac
[ -f "$list" ] || { echo "packages.sh: $list is missing: the Dockerfile copies it before this step" >&2; exit 2; }
for env in /fips/env/*.env /fips/cell.env; do
  # shellcheck source=/dev/null
  if [ -f "$env" ]; then . "$env"; fi
done
# shellcheck disable=SC2154  # set by the env files
case "$stage" in
  patch) pkgs="$PYFIPS_PACKAGES_PATCH" ;;
  build) pkgs="$PYFIPS_PACKAGES_BUILD" ;;
  rust) pkgs="$PYFIPS_PACKAGES_RUST" ;;  # own layer after the OpenSSL ones: cryptography must not invalidate them
  runtime) pkgs="$PYFIPS_PACKAGES_RUNTIME ${PYFIPS_EXTRA_PACKAGES:-}" ;;
esac
echo "python-fips: installing $stage packages: $pkgs"
# shellcheck disable=SC2086
install_packages $pkgs
