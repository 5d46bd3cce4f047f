#!/usr/bin/env bash
# Runs the whole test suite: starts a throw-away PostgreSQL (unless SVF_TEST_PG points at one), then every test project.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SVF_TEST_PG:-}" ]; then
  # The first free port from 5433 up, so a server already running there (another checkout, a benchmark) is no obstacle.
  if [ -z "${SVF_PG_PORT:-}" ]; then
    for p in $(seq 5433 5499); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then SVF_PG_PORT=$p; break; fi
    done
  fi
  export SVF_PG_PORT
  PGDATA=$(bash scripts/start-postgres.sh) || { echo "could not start PostgreSQL on port $SVF_PG_PORT" >&2; exit 1; }
  trap 'bash scripts/stop-postgres.sh "$PGDATA"' EXIT
  export SVF_TEST_PG="Host=127.0.0.1;Port=${SVF_PG_PORT:-5433};Username=postgres;Database=postgres"
fi
# Browser tests and the PDF report need Debian's Chromium.
bash scripts/install-chromium.sh || { echo "could not install Chromium" >&2; exit 1; }
export CI=${CI:-true}
log=$(mktemp)
dotnet test Svf.slnx -c Release 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
awk -f scripts/summarize-tests.awk "$log"
rm -f "$log"
exit "$rc"
