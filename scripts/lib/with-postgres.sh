#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: a fresh cluster in a temporary directory, listening
# on 127.0.0.1 at a free port and on a unix socket there, a database `kabinet` owned by the role
# `kabinet` (trust authentication, reachable only from this machine), its URL in
# KABINET_TEST_DATABASE_URL. The cluster is stopped and deleted afterwards, also on failure.
# fsync is off (a throwaway cluster for tests); KABINET_PG_FSYNC=on makes it durable, for benchmarks.
# As root, the cluster runs as the `postgres` system user (initdb refuses root).
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

workdir="$(mktemp -d /tmp/kabinet-pg.XXXXXX)"
chmod 755 "$workdir"
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$workdir"
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

stop() {
  as_owner "'$bin/pg_ctl' -D '$workdir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap stop EXIT

as_owner "'$bin/initdb' -D '$workdir/data' -A trust -U kabinet -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "'$bin/pg_ctl' -D '$workdir/data' -l '$workdir/log' -w \
  -o \"-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=${KABINET_PG_FSYNC:-off} -c max_connections=200\" start" >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U kabinet kabinet

export KABINET_TEST_DATABASE_URL="postgres://kabinet@127.0.0.1:$port/kabinet"
# The cluster's files and binaries, for tests that read what PostgreSQL wrote (WAL, base backups).
export KABINET_TEST_PGDATA="$workdir/data" KABINET_TEST_PGBIN="$bin"
status=0
"$@" || status=$?
exit $status
