# Shared part of the package layer (POSIX sh; sourced by packages.sh, which defines PKGS_<stage> and
# install_packages for its distro): picks the packages of a Dockerfile stage and installs them.
# PKGS_patch, PKGS_build, PKGS_rust and PKGS_runtime are set by packages.sh, which sources this file.
# shellcheck disable=SC2154
# shellcheck source=/dev/null  # generated values only (cell.env)
. /fips/cell.env
stage="${1:?usage: packages.sh patch|build|runtime}"
case "$stage" in
  patch) pkgs="$PKGS_patch" ;;
  build) pkgs="$PKGS_build"; [ -n "${PYFIPS_CRYPTOGRAPHY:-}" ] && pkgs="$pkgs $PKGS_rust" ;;
  runtime) pkgs="$PKGS_runtime ${PYFIPS_EXTRA_PACKAGES:-}" ;;
  *) echo "packages.sh: unknown stage $stage" >&2; exit 2 ;;
esac
echo "python-fips: installing $stage packages: $pkgs"
# shellcheck disable=SC2086
install_packages $pkgs
