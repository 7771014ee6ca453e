#!/usr/bin/env bash
# The test command: installs what is missing (PostgreSQL, the node packages the interoperability
# tests drive, Debian's Chromium for the dashboard's browser tests), starts a throwaway PostgreSQL
# on a free loopback port, builds with warnings as
# errors, runs every test, stops the database, and ends with a plain "N passed, N failed" line.
# Extra arguments go to 'dotnet test' (e.g. --filter FullyQualifiedName~Biscuit).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh

ensure_postgres_installed
if ! command -v node >/dev/null 2>&1; then
  echo "node is required for the interoperability tests: installing Debian's nodejs..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi
# The dashboard's browser tests drive Debian's Chromium through Playwright: the distribution package,
# never a browser download.
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium is required for the dashboard's browser tests: installing Debian's chromium..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
# The egress tests put deliveries through a real forward proxy: Debian's tinyproxy, started by the test
# fixture with its own configuration (the service the package installs is not used).
if [ ! -x /usr/bin/tinyproxy ]; then
  echo "tinyproxy is required for the egress proxy tests: installing Debian's tinyproxy..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinyproxy >&2
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
( cd Hook0.Tests/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null )

port="$(free_port)"
PGROOT="$(start_throwaway_postgres "$port")"
trap 'stop_throwaway_postgres "$PGROOT"' EXIT
export HOOK0_TEST_DATABASE_URL="Host=127.0.0.1;Port=$port;Username=postgres"

dotnet tool restore >/dev/null
dotnet build Hook0.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly
log="$(mktemp)"
export HOOK0_FAULT_REPORT="$(mktemp)"
set +e
dotnet test Hook0.sln -c Debug --no-build --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# The fault-injection suite's counts (sent, accepted, delivered, duplicated, lost, 5xx).
cat "$HOOK0_FAULT_REPORT"; rm -f "$HOOK0_FAULT_REPORT"
summary="$(awk '/^(Passed|Failed)! +- Failed:/ { gsub(",",""); f+=$4; p+=$6 } END { printf "%d passed, %d failed", p, f }' "$log")"
# A crashed test host prints no summary: never report that as a clean run.
if [ "$rc" != 0 ] && [ "${summary% failed}" = "${summary%%,*}, 0" ]; then summary="${summary%%,*}, 1 failed"; fi
rm -f "$log"
echo "$summary"
exit "$rc"
