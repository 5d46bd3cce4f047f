#!/usr/bin/env bash
# Stops the server started by start-postgres.sh and removes its data directory.
set -uo pipefail
PGDATA=$1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
RUN=()
[ "$(id -u)" = "0" ] && RUN=(runuser -u postgres --)
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
rm -rf "$PGDATA"
