#!/usr/bin/env bash
# First benchmark: ingest throughput and latency, delivery drain rate, end-to-end latency and the
# server's peak memory, on a durable throwaway PostgreSQL (fsync and synchronous commit on).
# Sizes: BENCH_SECONDS (15), BENCH_CONNECTIONS (32), BENCH_E2E_RATE (200), BENCH_E2E_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
SECS="${BENCH_SECONDS:-15}"; CONN="${BENCH_CONNECTIONS:-32}"; RATE="${BENCH_E2E_RATE:-200}"; E2E_SECS="${BENCH_E2E_SECONDS:-10}"
ensure_postgres_installed
(cd bench/load && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build Hook0.Web -c Release -nologo -clp:ErrorsOnly >/dev/null

work="$(mktemp -d)"; pgport="$(free_port)"; apiport="$(free_port)"; rport="$(free_port)"
PGROOT="$(start_throwaway_postgres "$pgport" durable)"
SERVER=""; RECEIVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; [ -n "$RECEIVER" ] && kill "$RECEIVER" 2>/dev/null; stop_throwaway_postgres "$PGROOT"; rm -rf "$work"; }
trap cleanup EXIT
KEY="$(cat /proc/sys/kernel/random/uuid)"
DB="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=hook0_bench;Maximum Pool Size=64"
API="http://127.0.0.1:$apiport/api/v1"
sql() { psql -h 127.0.0.1 -p "$pgport" -U postgres -d hook0_bench -tAc "$1"; }

start_server() {
  DATABASE_URL="$DB" MASTER_API_KEY="$KEY" IP=127.0.0.1 PORT="$apiport" DELIVERY_WORKERS_ENABLED="$1" DISABLE_TARGET_IP_CHECK=true \
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet Hook0.Web/bin/Release/net10.0/Hook0.Web.dll >"$work/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$apiport/readyz" >/dev/null && return 0; sleep 0.5; done
  cat "$work/server.log"; return 1
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
peak_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }

start_server false
H=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
ORG=$(curl -s "${H[@]}" -d '{"name":"Bench"}' "$API/organizations" | jq -r .organization_id)
APP=$(curl -s "${H[@]}" -d "{\"organization_id\":\"$ORG\",\"name\":\"Bench\"}" "$API/applications" | jq -r .application_id)
SECRET=$(curl -s "${H[@]}" "$API/application_secrets?application_id=$APP" | jq -r '.[0].token')
curl -s "${H[@]}" -d "{\"application_id\":\"$APP\",\"service\":\"bench\",\"resource_type\":\"event\",\"verb\":\"sent\"}" "$API/event_types" >/dev/null
curl -s "${H[@]}" -d "{\"application_id\":\"$APP\",\"is_enabled\":true,\"event_types\":[\"bench.event.sent\"],\"labels\":{\"env\":\"bench\"},
  \"target\":{\"type\":\"http\",\"method\":\"POST\",\"url\":\"http://127.0.0.1:$rport/hook\",\"headers\":{}}}" "$API/subscriptions" >/dev/null

ingest="$(node bench/load/ingest.mjs "$API" "$SECRET" "$APP" bench.event.sent "$CONN" "$SECS")"
ingest_mem="$(peak_mb)"
stop_server
backlog="$(sql "SELECT count(*) FROM webhook.request_attempt WHERE succeeded_at IS NULL AND failed_at IS NULL")"

node bench/load/receiver.mjs "$rport" "$work/arrivals.jsonl" >"$work/receiver.log" 2>&1 & RECEIVER=$!
start_server true
t0=$(date +%s.%N)
while [ "$(sql "SELECT count(*) FROM webhook.request_attempt WHERE succeeded_at IS NULL AND failed_at IS NULL")" != 0 ]; do sleep 0.2; done
t1=$(date +%s.%N)
drain="$(echo "$backlog / ($t1 - $t0)" | bc -l)"
failed="$(sql "SELECT count(*) FROM webhook.request_attempt WHERE failed_at IS NOT NULL")"
e2e="$(node bench/load/e2e.mjs "$API" "$SECRET" "$APP" bench.event.sent "$RATE" "$E2E_SECS" "$work/arrivals.jsonl")"
delivery_mem="$(peak_mb)"

echo
echo "| measure | value |"
echo "| --- | --- |"
echo "| commit | $(git rev-parse --short HEAD) |"
echo "| ingest (c=$CONN, ${SECS}s, 1 KiB JSON, 1 matching subscription) | $(echo "$ingest" | jq -r '"\(.rps|floor) events/s, p50 \(.p50) ms, p99 \(.p99) ms, non-2xx \(.non2xx)"') |"
echo "| delivery drain of $backlog attempts (CONCURRENT=32, loopback receiver) | $(printf '%.0f' "$drain") deliveries/s, failed $failed |"
echo "| end-to-end at $RATE events/s (ingest answer → receiver) | $(echo "$e2e" | jq -r '"p50 \(.p50|floor) ms, p99 \(.p99|floor) ms (\(.delivered)/\(.sent) delivered)"') |"
echo "| server peak working set | ingest run ${ingest_mem} MB, delivery run ${delivery_mem} MB |"
