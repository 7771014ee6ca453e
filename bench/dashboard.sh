#!/usr/bin/env bash
# Issue #10's big-data check: a throwaway PostgreSQL and the Release server, a million events and attempts
# written into one application, then the first render of each dashboard list page timed in Debian's
# Chromium (navigation start → first row visible, median of BENCH_RUNS after one warm-up visit).
# Sizes: BENCH_ROWS (1000000), BENCH_RUNS (5). Needs /usr/bin/chromium (scripts/test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
ensure_postgres_installed
dotnet build Hook0.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hook0.Dashboard.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
pgport="$(free_port)"; apiport="$(free_port)"
PGROOT="$(start_throwaway_postgres "$pgport")"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; stop_throwaway_postgres "$PGROOT"; }
trap cleanup EXIT
KEY="$(cat /proc/sys/kernel/random/uuid)"
DB="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=hook0_dashboard_bench"
DATABASE_URL="$DB" MASTER_API_KEY="$KEY" IP=127.0.0.1 PORT="$apiport" DELIVERY_WORKERS_ENABLED=false AUTO_VERIFY_USERS=true \
  HOUSEKEEPING_ENABLED=false ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  SECRETS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  dotnet Hook0.Web/bin/Release/net10.0/Hook0.Web.dll >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$apiport/api/v1/instance" && break; sleep 0.5; done
echo "commit $(git rev-parse --short HEAD), $(date -u +%F), load: $(cut -d' ' -f1-3 /proc/loadavg)"
HOOK0_URL="http://127.0.0.1:$apiport" MASTER_API_KEY="$KEY" DATABASE_URL="$DB" \
  dotnet bench/Hook0.Dashboard.Bench/bin/Release/net10.0/Hook0.Dashboard.Bench.dll
