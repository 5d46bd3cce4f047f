#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:${SVF_PG_PORT:-5433} for the tests and prints its data directory.
# Installs the Debian package if the server binaries are missing. Works as root (CI) by running the server as 'postgres'.
set -euo pipefail
PORT=${SVF_PG_PORT:-5433}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
PGDATA=$(mktemp -d /tmp/svf-pg.XXXXXX)
RUN=()
if [ "$(id -u)" = "0" ]; then
  chown postgres:postgres "$PGDATA"
  RUN=(runuser -u postgres --)
fi
chmod 700 "$PGDATA"
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
  -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "$PGDATA"
