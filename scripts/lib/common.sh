#!/usr/bin/env bash
# Shared set-up for run-app.sh and test-all.sh: installs what the project needs, idempotently,
# on a fresh Debian/Ubuntu machine, and sets the cargo target directory to a reusable cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kabinet/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  libdbus-1-dev dbus-daemon dbus-bin gnome-keyring libsecret-tools
  webkit2gtk-driver xvfb xauth imagemagick
  poppler-utils qpdf libxml2-utils fonts-paratype tzdata
  unzip python3-jsonschema time
  libpoppler-glib-dev
  postgresql openssl
)

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    log "rust: installing the toolchain with rustup"
    curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
  fi
  rustup component add clippy rustfmt >/dev/null 2>&1 || true
}

install_node() {
  if ! command -v npm >/dev/null 2>&1; then
    log "node: installing nodejs and npm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  fi
}

install_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    log "cargo: installing tauri-driver 2"
    cargo install tauri-driver --version '^2' --locked
  fi
}

npm_install() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm: installing in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_ui() {
  npm_install "$ROOT/ui"
  log "ui: building"
  (cd "$ROOT/ui" && npm run build --silent)
}
