#!/usr/bin/env bash
# Starts a streaming replica (hot standby) of the throwaway PostgreSQL cluster of
# with-postgres.sh on this machine: `pg_basebackup -R` from the primary at 127.0.0.1:<primary
# port> into <dir>/data, then a server on a free port. Prints the replica's port. Stop it with
# `scripts/lib/start-replica.sh --stop <dir>`. As root, the replica runs as the `postgres` user,
# like the primary. Used by the server's tests (the replica serving read-only commands).
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$dir"
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  dir="$2"
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  exit 0
fi

primary_port="$1"
dir="$2"
mkdir -p "$dir"
chmod 755 "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
as_owner "'$bin/pg_basebackup' -h 127.0.0.1 -p $primary_port -U kabinet -D '$dir/data' -R -X stream -c fast" >/dev/null
as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w \
  -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off -c max_connections=200\" start" >/dev/null
echo "$port"
