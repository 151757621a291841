#!/usr/bin/env bash
# A base backup of the throwaway PostgreSQL cluster of with-postgres.sh, as an operator would keep
# one: `pg_basebackup -X stream` (the WAL it needs inside) from the primary at 127.0.0.1:<port>
# into <dir>/data. Used by the core's purge tests to show what a backup from before a purge holds.
#   pg-backup.sh <primary port> <dir>   take the backup
#   pg-backup.sh --start <dir>          start a server on it (a restore: it recovers on its own,
#                                       not following the primary); prints its port
#   pg-backup.sh --stop <dir>           stop that server
# As root, the files belong to the `postgres` user, like the primary's.
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

case "${1:-}" in
  --stop)
    dir="$2"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    ;;
  --start)
    dir="$2"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w \
      -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50\" start" >/dev/null
    echo "$port"
    ;;
  *)
    primary_port="$1"
    dir="$2"
    mkdir -p "$dir"
    chmod 755 "$dir"
    as_owner "'$bin/pg_basebackup' -h 127.0.0.1 -p $primary_port -U kabinet -D '$dir/data' -X stream -c fast" >/dev/null
    ;;
esac
