# Shared part of the package layer (POSIX sh; sourced by packages.sh, which defines PKGS_<stage> and
# install_packages for its distro): picks the packages of a Dockerfile stage and installs them.
# PKGS_patch, PKGS_build, PKGS_rust and PKGS_runtime are set by packages.sh, which sources this file.
# shellcheck disable=SC2154
for env in /fips/env/*.env /fips/cell.env; do
  # shellcheck source=/dev/null
  if [ -f "$env" ]; then . "$env"; fi
done
stage="${1:?usage: packages.sh patch|build|rust|runtime}"
case "$stage" in
  patch) pkgs="$PKGS_patch" ;;
  build) pkgs="$PKGS_build" ;;
  rust) pkgs="$PKGS_rust" ;;  # own layer after the OpenSSL ones: cryptography must not invalidate them
  runtime) pkgs="$PKGS_runtime ${PYFIPS_EXTRA_PACKAGES:-}" ;;
  *) echo "packages.sh: unknown stage $stage" >&2; exit 2 ;;
esac
echo "python-fips: installing $stage packages: $pkgs"
# shellcheck disable=SC2086
install_packages $pkgs
