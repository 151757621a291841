#!/usr/bin/env bash
# Runs Кабинет from a fresh Debian/Ubuntu machine: installs what is missing, builds the UI and
# the app (release), and starts it. Data lives in the OS app-data directory unless
# KABINET_DATA_DIR says otherwise; its key lives in the OS keyring.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

install_apt_packages
install_rust
install_node
build_ui
log "app: building (release) and starting"
cargo build --release -p kabinet -p kabinet-cli --features kabinet/custom-protocol
exec "$CARGO_TARGET_DIR/release/kabinet" "$@"
