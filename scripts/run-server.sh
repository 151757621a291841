#!/usr/bin/env bash
# A demo of Кабинет's server in one command, from a fresh Debian/Ubuntu machine: installs what is
# missing, starts a local PostgreSQL cluster of its own (kept in ~/.local/share/kabinet-server-demo,
# or /var/lib/kabinet-server-demo as root, between runs, on 127.0.0.1 at port 55432), makes a master key once (a file readable only by
# you), builds kabinet-server and kabinet-cli, and runs the server on http://127.0.0.1:8443
# (plain HTTP: loopback only) in the foreground. Ctrl+C stops the server and the cluster.
#
#   scripts/run-server.sh                 start (or continue) the demo
#   scripts/run-server.sh --reset         delete the demo's cluster and key first
#
# It prints how to reach the server and how to add a staff member for the service-centre desk.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

# As root the cluster runs as the `postgres` user, who cannot enter root's home.
if [ "$(id -u)" = 0 ]; then default_demo=/var/lib/kabinet-server-demo; else default_demo="$HOME/.local/share/kabinet-server-demo"; fi
demo="${KABINET_DEMO_DIR:-$default_demo}"
port="${KABINET_DEMO_PG_PORT:-55432}"
listen="${KABINET_LISTEN:-127.0.0.1:8443}"
if [ "${1:-}" = "--reset" ]; then
  rm -rf "$demo"
fi

install_apt_packages
install_rust
log "server: building kabinet-server and kabinet-cli"
cargo build -p kabinet-server -p kabinet-cli

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "run-server: PostgreSQL server binaries not found" >&2; exit 1; }
mkdir -p "$demo"
chmod 755 "$demo"
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$demo/pg" "$demo/sock"
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}
mkdir -p "$demo/pg" "$demo/sock"
if [ ! -f "$demo/pg/PG_VERSION" ]; then
  log "postgresql: a new cluster in $demo/pg"
  as_owner "'$bin/initdb' -D '$demo/pg' -A trust -U kabinet -E UTF8 --locale=C.UTF-8" >/dev/null
fi
as_owner "'$bin/pg_ctl' -D '$demo/pg' -l '$demo/sock/log' -w \
  -o \"-p $port -k $demo/sock -c listen_addresses=127.0.0.1\" start" >/dev/null
stop_cluster() { as_owner "'$bin/pg_ctl' -D '$demo/pg' -m fast stop" >/dev/null 2>&1 || true; }
trap stop_cluster EXIT
"$bin/createdb" -h 127.0.0.1 -p "$port" -U kabinet kabinet 2>/dev/null || true

if [ ! -s "$demo/master.key" ]; then
  (umask 077; "$CARGO_TARGET_DIR/debug/kabinet-server" --new-master-key > "$demo/master.key")
fi

export KABINET_DATABASE_URL="postgres://kabinet@127.0.0.1:$port/kabinet"
export KABINET_MASTER_KEY_FILE="$demo/master.key"
export KABINET_DATA_DIR="$demo/data"
export KABINET_LISTEN="$listen"
cat <<TEXT

== Кабинет's server: http://$listen  (PostgreSQL at $KABINET_DATABASE_URL)

  Is it up:        curl http://$listen/ready
  A command:       curl -X POST http://$listen/api/v1/applications_catalogue
  Metrics:         curl http://$listen/metrics
  A staff member for the desk (the password on stdin; the authenticator secret is printed once):
    echo 'Vx7#kQ2!mTz' | KABINET_MASTER_KEY_FILE=$demo/master.key \\
      $CARGO_TARGET_DIR/debug/kabinet-cli --database-url $KABINET_DATABASE_URL \\
      staff add --login o.petrova --name 'Петрова Ольга' --role operator

  The app does not speak to a server yet (its remote mode is issue 15's next part, see README):
  the commands above and docs/scale.md show the protocol.

TEXT
"$CARGO_TARGET_DIR/debug/kabinet-server"
