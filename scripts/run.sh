#!/usr/bin/env bash
# The run command: starts Hook0 on http://127.0.0.1:8080 (IP and PORT change it).
# With no DATABASE_URL it runs an embedded PostgreSQL cluster under .hook0-data/ (installed from
# Debian's packages when missing) and prints the master API key it generated.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
if [ -z "${DATABASE_URL:-}" ]; then
  ensure_postgres_installed
fi
export HOOK0_DATA_DIR="${HOOK0_DATA_DIR:-$PWD/.hook0-data}"
dotnet build Hook0.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
exec dotnet run --project Hook0.Web -c Release --no-build -- "$@"
