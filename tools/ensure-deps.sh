# tools/ensure-deps.sh: installs the Debian 12 packages Bangfu needs, and only those missing.
# Sourced by run.sh and test.sh. With everything present it never calls apt, so it works
# offline.

BANGFU_BUILD_DEPS=(
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsqlite3-dev
  libsoup-3.0-dev libsodium-dev glib-networking
  libgtk-4-dev libadwaita-1-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  unicode-data fonts-noto-cjk
)
BANGFU_TEST_DEPS=(
  python3 valgrind openssl
  xvfb xauth desktop-file-utils appstream poppler-utils
)

bangfu_missing_packages() {
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$package"
    fi
  done
}

# ensure_deps build|test
ensure_deps() {
  local wanted=("${BANGFU_BUILD_DEPS[@]}")
  [ "${1:-build}" = test ] && wanted+=("${BANGFU_TEST_DEPS[@]}")
  local missing
  mapfile -t missing < <(bangfu_missing_packages "${wanted[@]}")
  [ "${#missing[@]}" -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "Bangfu needs these Debian packages: ${missing[*]}" >&2
      echo "Install them as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Installing missing packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
    "${sudo[@]}" apt-get update >&2 &&
      "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2 || {
        echo "Could not install: ${missing[*]} (is the network or a Debian mirror reachable?)" >&2
        return 1
      }
  fi
}

# configure_build DIR [meson options...]: configures once, reconfigures when options change.
configure_build() {
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}
