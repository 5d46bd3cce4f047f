#!/usr/bin/env bash
# Starts the web portal on http://127.0.0.1:PORT over a fresh SQLite database holding the generated national year (the CLI
# demo's data: every region's files, yearly reports, feedback) and the demo accounts of docs/portal.md. Runs until stopped
# (Ctrl-C or a signal). Usage: bash scripts/portal-demo.sh 8080
set -euo pipefail
PORT=${1:?usage: scripts/portal-demo.sh PORT}
cd "$(dirname "$0")/.."
DIR=${SVF_PORTAL_DEMO_DIR:-.svf-portal-demo}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
echo "Bygger och fyller en ny demodatabas i $DIR (nationellt år 2025, som CLI-demot) ..." >&2
dotnet build src/Svf.Cli -c Release -v q -nologo >&2
dotnet build src/Svf.Web -c Release -v q -nologo >&2
dotnet run --no-build --project src/Svf.Cli -c Release -- demo --dir "$DIR" > "$DIR/demo.log"
export Portal__Database="sqlite:$DIR/svf.db"
export Portal__Demo=true
export Portal__AllowHttp=true
if [ -z "${SVF_PSEUDONYM_KEY:-}" ]; then export Portal__PseudonymKeyFile="$DIR/pseudonym.key"; fi
echo "Portalen: http://127.0.0.1:$PORT (konton och lösenord: docs/portal.md)" >&2
# The content root is the project folder, so the style sheet and scripts in src/Svf.Web/wwwroot are served.
exec dotnet src/Svf.Web/bin/Release/net10.0/Svf.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$PWD/src/Svf.Web"
