#!/usr/bin/env bash
# Runs the whole test suite: starts a throw-away PostgreSQL (unless SVF_TEST_PG points at one), then every test project.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SVF_TEST_PG:-}" ]; then
  PGDATA=$(bash scripts/start-postgres.sh) || { echo "could not start PostgreSQL" >&2; exit 1; }
  trap 'bash scripts/stop-postgres.sh "$PGDATA"' EXIT
  export SVF_TEST_PG="Host=127.0.0.1;Port=${SVF_PG_PORT:-5433};Username=postgres;Database=postgres"
fi
export CI=${CI:-true}
log=$(mktemp)
dotnet test Svf.slnx -c Release 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
awk -f scripts/summarize-tests.awk "$log"
rm -f "$log"
exit "$rc"
