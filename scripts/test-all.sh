#!/usr/bin/env bash
# Every test of Кабинет, from a fresh Debian/Ubuntu machine: installs what is missing, then runs
# formatting and lint checks, the proof that the core builds without Tauri, the UI's checks and
# unit tests, the core's and CLI's tests against a real encrypted database, a real Secret Service
# and a throwaway PostgreSQL cluster (the two engines' schemas compared), and the end-to-end suite driving the real app through tauri-driver under Xvfb.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

install_apt_packages
install_rust
install_node
install_tauri_driver

log "rust: formatting"
cargo fmt --all --check

log "core and server: build without Tauri"
for crate in kabinet-core kabinet-server; do
  if cargo tree -p "$crate" -e normal,build --prefix none | grep -i '^tauri'; then
    echo "$crate depends on tauri" >&2
    exit 1
  fi
done
cargo build -p kabinet-core -p kabinet-cli -p kabinet-server

build_ui
log "ui: type check and unit tests"
(cd ui && npm run check --silent && npm test --silent)

log "rust: clippy"
cargo clippy --workspace --all-targets -- -D warnings

log "rust: core, CLI and server tests on both engines (real SQLCipher files, real Secret Service, a throwaway PostgreSQL)"
# One cluster for both passes, the same test binaries (the same packages in every cargo call, so
# their features unify once and nothing is built twice): first every test on its own encrypted
# file and the server's tests (real server processes, always on PostgreSQL), then the core's and
# the CLI's integration suites again with a fresh PostgreSQL database per test.
TEST_PACKAGES=(-p kabinet-core -p kabinet-cli -p kabinet-server)
scripts/lib/with-postgres.sh scripts/lib/with-keyring.sh bash -c '
  set -e
  cargo test "$@"
  echo "== the same suites on PostgreSQL"
  KABINET_TEST_ENGINE=postgres cargo test "$@" --test core --test cli
' tests "${TEST_PACKAGES[@]}"

log "rust: notifications again in a far time zone (quiet hours follow the machine's zone)"
TZ=Asia/Vladivostok scripts/lib/with-keyring.sh cargo test "${TEST_PACKAGES[@]}" --test core notifications::

log "app: building with the UI embedded (and the server the remote scenarios run against)"
cargo build -p kabinet -p kabinet-cli -p kabinet-server --features kabinet/custom-protocol,kabinet-core/e2e-clock

log "e2e: tauri-driver + WebKitWebDriver under Xvfb, embedded, then every scenario again as a server's client"
npm_install "$ROOT/tests/e2e"
# One throwaway PostgreSQL for both runs: the server scenarios of the first, and in the second
# (KABINET_E2E_REMOTE=1) a database and a kabinet-server per data directory of every scenario.
KABINET_TARGET_DIR="$CARGO_TARGET_DIR" scripts/lib/with-postgres.sh scripts/lib/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
    set -e
    node --test --test-concurrency=1 tests/e2e/
    echo "== the same scenarios with the app as a kabinet-server client"
    KABINET_E2E_REMOTE=1 node --test --test-concurrency=1 tests/e2e/
  '
