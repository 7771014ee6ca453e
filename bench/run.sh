#!/usr/bin/env bash
# The benchmark of issue #11: ingest, delivery drain, end-to-end latency and peak memory of the server,
# each against the machine's own ceiling measured in the same run, on a durable throwaway PostgreSQL
# (fsync and synchronous_commit on, the same for the server and the ceilings). Prints a markdown table.
#   ingest ceiling      bench/Hook0.Bench.Ceilings ingest-endpoint: same kind of host, same JSON body, only the
#                       event + event_key insert and the queue insert with raw Npgsql, one transaction per request
#   network ceiling     ... network: only the posts of the same bodies, same HttpClient settings
#   bookkeeping ceiling ... bookkeeping: claim a batch from the queue, post, record the history (raw SQL), same backlog
# BENCH_STEPS=batch (not in the default steps): a batch of BENCH_BATCH_SIZE (100) events per request at BENCH_BATCH_CONNECTIONS (8)
#   against bench/Hook0.Bench.Ceilings batch-endpoint (the same events and attempts in one transaction per request, raw Npgsql).
#   BENCH_WARMUP_SECONDS (5) is the batch step's warm-up of each side (longer lets a fresh server's tiered compilation settle).
# Sizes: BENCH_SECONDS (15), BENCH_CONNECTIONS (32), BENCH_BACKLOG (100000), BENCH_E2E_RATE (200), BENCH_E2E_SECONDS (10).
# BENCH_LARGE=1: the large mode (not in CI): the drain is also measured on a 1,000,000-attempt backlog, then a soak of
# BENCH_SOAK_SECONDS (600) at BENCH_SOAK_RATE (500) events/s with the workers on, sampling the server's memory every 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source bench/lib/measure.sh
SECS="${BENCH_SECONDS:-15}"; CONN="${BENCH_CONNECTIONS:-32}"; RATE="${BENCH_E2E_RATE:-200}"; E2E_SECS="${BENCH_E2E_SECONDS:-10}"
BACKLOG="${BENCH_BACKLOG:-100000}"; LARGE="${BENCH_LARGE:-0}"; SOAK_SECS="${BENCH_SOAK_SECONDS:-600}"; SOAK_RATE="${BENCH_SOAK_RATE:-500}"
STEPS="${BENCH_STEPS:-ingest,drain,e2e}"
step() { [[ ",$STEPS," == *",$1,"* ]]; }
ensure_postgres_installed
(cd bench/load && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build Hook0.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hook0.Bench.Ceilings -c Release -nologo -clp:ErrorsOnly >/dev/null
CEIL=(dotnet bench/Hook0.Bench.Ceilings/bin/Release/net10.0/Hook0.Bench.Ceilings.dll)

work="$(mktemp -d)"; pgport="$(free_port)"; apiport="$(free_port)"; rport="$(free_port)"; bareport="$(free_port)"
PGROOT="$(start_throwaway_postgres "$pgport" durable)"
# Commit times and WAL sync timing, for the end-to-end break-down (when the ingest transaction was committed, and what
# each WAL flush cost the durable commits on this disk); negligible cost.
# BENCH_SERVER_ENV: more settings for the server, for an A/B (e.g. "DISABLE_API_RATE_LIMITING=true").
# BENCH_PG_OPTIONS: more settings for a diagnosis (e.g. "-c log_min_duration_statement=0"; the log is kept in BENCH_PROFILE_DIR).
echo "$(cat "$PGROOT/options") -c track_commit_timestamp=on -c track_wal_io_timing=on ${BENCH_PG_OPTIONS:-}" >"$PGROOT/options"
crash_throwaway_postgres "$PGROOT"; restart_throwaway_postgres "$PGROOT"
SERVER=""; RECEIVER=""; BARE=""; SAMPLER=""
cleanup() {
  for p in $SAMPLER $SERVER $RECEIVER $BARE; do kill "$p" 2>/dev/null || true; done
  if [ -n "${BENCH_PROFILE_DIR:-}" ]; then mkdir -p "$BENCH_PROFILE_DIR"; cp "$PGROOT/server.log" "$BENCH_PROFILE_DIR/postgres.log" 2>/dev/null || true; fi
  stop_throwaway_postgres "$PGROOT"; rm -rf "$work"
}
trap cleanup EXIT
KEY="$(cat /proc/sys/kernel/random/uuid)"; SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
DB="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=hook0_bench;Maximum Pool Size=64"
API="http://127.0.0.1:$apiport/api/v1"
sql() { psql -h 127.0.0.1 -p "$pgport" -U postgres -d hook0_bench -v ON_ERROR_STOP=1 -qtAc "$1"; }
# Attempts not finished yet: the second design's queue (ADR 0016); finished ones are rows of webhook.attempt.
pending() { sql "SELECT count(*) FROM webhook.delivery_queue"; }
# Polled while a drain runs: EXISTS reads one row where count(*) would walk the backlog on every poll.
queue_busy() { sql "SELECT EXISTS (SELECT 1 FROM webhook.delivery_queue)::int"; }
# Everything the runs write, so each starts from empty tables.
clear_tables() { sql "TRUNCATE webhook.delivery_queue, webhook.attempt, webhook.dead_letter_retry, event.event, event.event_key"; }
# Mean WAL flush (fsync) time since the last call, in ms: the floor under every durable commit on the path.
wal_mark() { sql "SELECT wal_sync || ' ' || wal_sync_time FROM pg_stat_wal"; }
wal_mean() { local now; now="$(wal_mark)"; echo "$1 $now" | awk '{ printf "%.1f", ($3 > $1 ? ($4 - $2) / ($3 - $1) : 0) }'; }

start_server() {
  # The API rate limits stay on (their cost is part of the route) but above what one producer can send here: the
  # default per-token allowance (5,000/s, ADR 0010) is below the route's rate on a quiet machine, and a bench of the
  # limiter's refusals would measure nothing.
  API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS=0.005 API_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS=0.005 \
  API_RATE_LIMITING_GLOBAL_REPLENISH_PERIOD_IN_MS=0.005 \
  DATABASE_URL="$DB" MASTER_API_KEY="$KEY" IP=127.0.0.1 PORT="$apiport" DELIVERY_WORKERS_ENABLED="$1" DISABLE_TARGET_IP_CHECK=true \
    HOUSEKEEPING_ENABLED=false ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning SECRETS_ENCRYPTION_KEY="$SECRETS_KEY" \
    env ${BENCH_SERVER_ENV:-} dotnet Hook0.Web/bin/Release/net10.0/Hook0.Web.dll >>"$work/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$apiport/readyz" >/dev/null && return 0; sleep 0.5; done
  cat "$work/server.log"; return 1
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
peak_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }

# The backlog: N events of 1 KiB received 1 ms apart ending now (their keys written with them, as ingest does), each
# with one due attempt of the bench subscription in the queue, written straight by SQL. The queue rows follow ADR
# 0016's rule (id = uuid_v7_at(t), created_at = t to the millisecond), due at creation, on the open path.
load_backlog() {
  clear_tables
  sql "WITH e AS (
         INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
         SELECT gen_random_uuid(), '$APP', 'bench.event.sent', convert_to('{\"data\":\"' || repeat('x', 1000) || '\"}', 'UTF8'), 'application/json',
                t, t, t, '{\"env\":\"bench\"}'
         FROM (SELECT now() - ($1 - i) * interval '1 millisecond' AS t FROM generate_series(1, $1) i) x
         RETURNING event_id, application_id, received_at
       ), k AS (INSERT INTO event.event_key (event_id, application_id, received_at) SELECT event_id, application_id, received_at FROM e)
       INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                           created_at, due_at, attempt_number, metered)
       SELECT application_id, webhook.uuid_v7_at(received_at), '$SUB', event_id, received_at, 'bench.event.sent',
              date_trunc('milliseconds', received_at), date_trunc('milliseconds', received_at), 0, false FROM e ORDER BY received_at"
  sql "VACUUM ANALYZE"
}
# The same backlog again after a drain: the history rows go back to the queue (same ids, unclaimed), the history empties.
reset_backlog() {
  sql "INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                           created_at, due_at, attempt_number, metered)
       SELECT application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, created_at, 0, false
       FROM webhook.attempt ORDER BY created_at"
  sql "TRUNCATE webhook.attempt"; sql "VACUUM ANALYZE"
}
# Deliveries per second as the database saw them: from the first claim to the last recorded outcome.
db_rate() { sql "SELECT round(count(*) / GREATEST(extract(epoch FROM max(completed_at) - min(picked_at)), 0.001)) FROM webhook.attempt WHERE outcome = 'succeeded'"; }
# The server drains the backlog (it keeps running); sets DRAIN to the deliveries/s.
server_drain() {
  local p0; p0="$(pg_cpu_ms)"
  start_server true
  profile "drain-$1"
  while [ "$(queue_busy)" != 0 ]; do sleep 0.5; done
  DRAIN="$(db_rate)"
  DRAIN_CPU="$(per "$(cpu_ms "$SERVER")" "$1") / $(per $(( $(pg_cpu_ms) - p0 )) "$1")"
  if [ -n "${BENCH_PROFILE_DIR:-}" ]; then
    # The open path's selection (ClaimSql.OpenSql), after the drain: what the claim reads once the queue has emptied.
    sql "EXPLAIN (ANALYZE, BUFFERS) SELECT q.application_id, q.request_attempt_id FROM webhook.delivery_queue q
         WHERE NOT q.metered AND q.attempt_number = 0 AND q.due_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
         ORDER BY q.due_at LIMIT 16" >"$BENCH_PROFILE_DIR/claim-after-drain-$1.txt"
  fi
}
# BENCH_PROFILE_DIR=dir: a 10 s CPU sample of the server (dotnet-trace, a local tool) during ingest and during the drain,
# with its top methods in dir/*.txt.
profile() {
  [ -n "${BENCH_PROFILE_DIR:-}" ] || return 0
  mkdir -p "$BENCH_PROFILE_DIR"
  ( sleep 6; dotnet-trace collect -p "$SERVER" --profile dotnet-common,dotnet-sampled-thread-time --duration 00:00:00:10 -o "$BENCH_PROFILE_DIR/$1.nettrace" >/dev/null 2>&1 \
      && dotnet-trace report "$BENCH_PROFILE_DIR/$1.nettrace" topN -n 40 --inclusive >"$BENCH_PROFILE_DIR/$1-inclusive.txt" 2>&1 \
      && dotnet-trace report "$BENCH_PROFILE_DIR/$1.nettrace" topN -n 40 >"$BENCH_PROFILE_DIR/$1-exclusive.txt" 2>&1 ) &
  # Allocations and GC over the same window (dotnet-counters, a local tool): bytes allocated per event = the
  # total_allocated delta over the events stored in those 10 s.
  ( sleep 6; dotnet-counters collect -p "$SERVER" --counters System.Runtime --refresh-interval 1 --duration 00:00:00:10 --format csv \
      -o "$BENCH_PROFILE_DIR/$1-counters.csv" >/dev/null 2>&1 ) &
}

# --- set-up through the API ---
start_server false
H=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
ORG=$(curl -s "${H[@]}" -d '{"name":"Bench"}' "$API/organizations" | jq -r .organization_id)
APP=$(curl -s "${H[@]}" -d "{\"organization_id\":\"$ORG\",\"name\":\"Bench\"}" "$API/applications" | jq -r .application_id)
SECRET=$(curl -s "${H[@]}" "$API/application_secrets?application_id=$APP" | jq -r '.[0].token')
curl -s "${H[@]}" -d "{\"application_id\":\"$APP\",\"service\":\"bench\",\"resource_type\":\"event\",\"verb\":\"sent\"}" "$API/event_types" >/dev/null
SUB=$(curl -s "${H[@]}" -d "{\"application_id\":\"$APP\",\"is_enabled\":true,\"event_types\":[\"bench.event.sent\"],\"labels\":{\"env\":\"bench\"},
  \"target\":{\"type\":\"http\",\"method\":\"POST\",\"url\":\"http://127.0.0.1:$rport/hook\",\"headers\":{}}}" "$API/subscriptions" | jq -r .subscription_id)

if step ingest; then
# --- ingest: ceiling, then the server (workers off, so only ingestion is measured) ---
"${CEIL[@]}" ingest-endpoint "$DB" "$bareport" >"$work/bare.log" 2>&1 & BARE=$!
wait_http "http://127.0.0.1:$bareport/"
e0="$(sql "SELECT count(*) FROM event.event")"; a0="$(cpu_ms "$BARE")"; p0="$(pg_cpu_ms)"
ingest_ceiling="$(node bench/load/ingest.mjs "http://127.0.0.1:$bareport/api/v1" "$SECRET" "$APP" bench.event.sent "$CONN" "$SECS")"
n="$(( $(sql "SELECT count(*) FROM event.event") - e0 ))"
ceiling_cpu="$(per $(( $(cpu_ms "$BARE") - a0 )) "$n") / $(per $(( $(pg_cpu_ms) - p0 )) "$n")"
kill "$BARE"; wait "$BARE" 2>/dev/null || true; BARE=""; note "ingest ceiling $ingest_ceiling; CPU ms/event host/PostgreSQL $ceiling_cpu"
profile ingest
e0="$(sql "SELECT count(*) FROM event.event")"; a0="$(cpu_ms "$SERVER")"; p0="$(pg_cpu_ms)"
ingest="$(node bench/load/ingest.mjs "$API" "$SECRET" "$APP" bench.event.sent "$CONN" "$SECS")"
n="$(( $(sql "SELECT count(*) FROM event.event") - e0 ))"
ingest_cpu="$(per $(( $(cpu_ms "$SERVER") - a0 )) "$n") / $(per $(( $(pg_cpu_ms) - p0 )) "$n")"
note "ingest $ingest; CPU ms/event server/PostgreSQL $ingest_cpu"
ingest_mem="$(peak_mb)"
# Latency at half the rate just measured (issue #21's p99 target), same connections, no warm-up (the server is warm).
half_rate="$(echo "$ingest" | jq -r '(.rps / 2)|floor')"
ingest_half="$(node bench/load/ingest.mjs "$API" "$SECRET" "$APP" bench.event.sent "$CONN" "$SECS" "$half_rate")"
note "ingest at $half_rate events/s: $ingest_half"
stop_server
# Workers off: every event's attempt is still in the queue (none in the history).
lost="$(sql "SELECT count(*) FROM event.event e WHERE NOT EXISTS (SELECT 1 FROM webhook.delivery_queue q WHERE q.event_id = e.event_id)
                                                  AND NOT EXISTS (SELECT 1 FROM webhook.attempt a WHERE a.event_id = e.event_id)")"

fi
if step batch; then
# --- batch of BENCH_BATCH_SIZE (100): the bare batch endpoint (one transaction per request), then the server (workers off) ---
BATCH="${BENCH_BATCH_SIZE:-100}"; BCONN="${BENCH_BATCH_CONNECTIONS:-8}"
[ -n "$SERVER" ] || start_server false
"${CEIL[@]}" batch-endpoint "$DB" "$bareport" >"$work/bare-batch.log" 2>&1 & BARE=$!
wait_http "http://127.0.0.1:$bareport/"
e0="$(sql "SELECT count(*) FROM event.event")"; a0="$(cpu_ms "$BARE")"; p0="$(pg_cpu_ms)"
batch_ceiling="$(node bench/load/batch.mjs "http://127.0.0.1:$bareport/api/v1" "$SECRET" "$APP" bench.event.sent "$BCONN" "$SECS" "$BATCH")"
n="$(( $(sql "SELECT count(*) FROM event.event") - e0 ))"
batch_ceiling_cpu="$(per $(( $(cpu_ms "$BARE") - a0 )) "$n") / $(per $(( $(pg_cpu_ms) - p0 )) "$n")"
kill "$BARE"; wait "$BARE" 2>/dev/null || true; BARE=""; note "batch ceiling $batch_ceiling; CPU ms/event host/PostgreSQL $batch_ceiling_cpu"
profile batch
e0="$(sql "SELECT count(*) FROM event.event")"; a0="$(cpu_ms "$SERVER")"; p0="$(pg_cpu_ms)"
batch="$(node bench/load/batch.mjs "$API" "$SECRET" "$APP" bench.event.sent "$BCONN" "$SECS" "$BATCH")"
n="$(( $(sql "SELECT count(*) FROM event.event") - e0 ))"
batch_cpu="$(per $(( $(cpu_ms "$SERVER") - a0 )) "$n") / $(per $(( $(pg_cpu_ms) - p0 )) "$n")"
note "batch $batch; CPU ms/event server/PostgreSQL $batch_cpu"
batch_lost="$(sql "SELECT count(*) FROM event.event e WHERE NOT EXISTS (SELECT 1 FROM webhook.delivery_queue q WHERE q.event_id = e.event_id)")"
stop_server
fi
node bench/load/receiver.mjs "$rport" "$work/arrivals.jsonl" >"$work/receiver.log" 2>&1 & RECEIVER=$!
wait_http "http://127.0.0.1:$rport/"
if [ -n "$SERVER" ]; then stop_server; fi
if step drain; then
# --- delivery: a backlog, the two bare loops, then the server ---
load_backlog "$BACKLOG"
network="$("${CEIL[@]}" network "http://127.0.0.1:$rport/hook" "$BACKLOG" 32 | jq -r .rate)"; note "network ceiling $network/s"
p0="$(pg_cpu_ms)"
/usr/bin/time -f "%U %S" -o "$work/bk.time" "${CEIL[@]}" bookkeeping "$DB" 32 >/dev/null
bookkeeping_cpu="$(per "$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/bk.time")" "$BACKLOG") / $(per $(( $(pg_cpu_ms) - p0 )) "$BACKLOG")"
bookkeeping="$(db_rate)"; note "bookkeeping ceiling $bookkeeping/s; CPU ms/delivery loop/PostgreSQL $bookkeeping_cpu"
reset_backlog
server_drain "$BACKLOG"; drain="$DRAIN"; drain_cpu="$DRAIN_CPU"; note "server drain $drain/s; CPU ms/delivery server (incl. start-up)/PostgreSQL $drain_cpu"
failed="$(sql "SELECT count(*) FROM webhook.attempt WHERE outcome <> 'succeeded'")"
delivery_mem="$(peak_mb)"
fi
# --- end to end: the reference (bare ingest + NOTIFY + claim/post/record loop), then the server, each warmed 3 s at the rate ---
if step e2e; then
  [ -z "$SERVER" ] || stop_server
  # Nothing older waiting (the ingest step leaves its events' attempts pending): both sides start from an empty queue.
  clear_tables
  "${CEIL[@]}" e2e-endpoint "$DB" "$bareport" >"$work/bare-e2e.log" 2>&1 & BARE=$!
  wait_http "http://127.0.0.1:$bareport/"
  node bench/load/e2e.mjs "http://127.0.0.1:$bareport/api/v1" "$SECRET" "$APP" bench.event.sent "$RATE" 3 "$work/arrivals.jsonl" >/dev/null
  w0="$(wal_mark)"
  e2e_ceiling="$(node bench/load/e2e.mjs "http://127.0.0.1:$bareport/api/v1" "$SECRET" "$APP" bench.event.sent "$RATE" "$E2E_SECS" "$work/arrivals.jsonl")"
  e2e_ceiling_wal="$(wal_mean "$w0")"
  kill "$BARE"; wait "$BARE" 2>/dev/null || true; BARE=""; note "e2e reference $e2e_ceiling"
  start_server true
  node bench/load/e2e.mjs "$API" "$SECRET" "$APP" bench.event.sent "$RATE" 3 "$work/arrivals.jsonl" >/dev/null
  e2e_from="$(sql "SELECT clock_timestamp()")"
  w0="$(wal_mark)"
  e2e="$(node bench/load/e2e.mjs "$API" "$SECRET" "$APP" bench.event.sent "$RATE" "$E2E_SECS" "$work/arrivals.jsonl")"; note "e2e $e2e"
  e2e_wal="$(wal_mean "$w0")"; note "mean WAL flush during e2e: reference $e2e_ceiling_wal ms, server $e2e_wal ms"
  # Where the time goes, from the database's clock: event inserted (received_at) → its transaction committed (the event row is
  # never updated, so its xmin is the ingest transaction) → attempt claimed (picked_at) → outcome recorded (the history
  # row's completed_at).
  e2e_stages="$(sql "SELECT format('committed p50 %s / p99 %s ms after received_at; claimed p50 %s / p99 %s ms after the commit; recorded p50 %s / p99 %s ms after the claim',
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY w)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY w)::numeric, 1),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY c)::numeric, 1),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY r)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY r)::numeric, 1))
    FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(e.xmin) - e.received_at) * 1000 AS w,
                 extract(epoch FROM a.picked_at - pg_xact_commit_timestamp(e.xmin)) * 1000 AS c,
                 extract(epoch FROM a.completed_at - a.picked_at) * 1000 AS r
          FROM event.event e JOIN webhook.attempt a USING (event_id) WHERE e.received_at >= '$e2e_from' AND a.outcome = 'succeeded') t")"
  note "e2e stages: $e2e_stages"
  delivery_mem="$(peak_mb)"
fi
[ -z "$SERVER" ] || stop_server

if [ "$LARGE" = 1 ]; then
  load_backlog 1000000
  server_drain 1000000; large_drain="$DRAIN"; note "large drain $large_drain/s"
  large_mem="$(peak_mb)"
  # Soak: a steady ingest rate with the workers on; memory sampled every 10 s.
  : >"$work/soak.txt"
  ( while sleep 10; do echo "$(date +%s) $(rss_mb)" >>"$work/soak.txt"; done ) & SAMPLER=$!
  soak="$(node bench/load/ingest.mjs "$API" "$SECRET" "$APP" bench.event.sent 16 "$SOAK_SECS" "$SOAK_RATE")"
  kill "$SAMPLER"; SAMPLER=""
  soak_pending="$(pending)"
  soak_mem="$(peak_mb)"
  stop_server
fi

echo
echo "| measure | Hook0 | ceiling (same run) | ratio |"
echo "| --- | --- | --- | --- |"
echo "| commit | $(git rev-parse --short HEAD) | | |"
if step ingest; then
  ir="$(echo "$ingest" | jq -r '.rps|floor')"; cr="$(echo "$ingest_ceiling" | jq -r '.rps|floor')"
  echo "| ingest, c=$CONN, ${SECS}s, 1 KiB JSON, 1 matching subscription (events/s) | $ir (p50 $(echo "$ingest" | jq -r .p50) ms, p99 $(echo "$ingest" | jq -r .p99) ms, non-2xx $(echo "$ingest" | jq -r .non2xx), events without attempts $lost) | $cr (p50 $(echo "$ingest_ceiling" | jq -r .p50) ms, p99 $(echo "$ingest_ceiling" | jq -r .p99) ms) bare endpoint | $(ratio "$ir" "$cr") |"
fi
if step ingest; then
  echo "| ingest at half that rate, $half_rate events/s offered (latency) | $(echo "$ingest_half" | jq -r '"\(.rps|floor) events/s, p50 \(.p50) ms, p99 \(.p99) ms, non-2xx \(.non2xx)"') | | |"
fi
if step batch; then
  bi="$(echo "$batch" | jq -r '.events_per_s|floor')"; bc="$(echo "$batch_ceiling" | jq -r '.events_per_s|floor')"
  echo "| batch of $BATCH, c=$BCONN, ${SECS}s, 1 KiB JSON, 1 matching subscription (events/s) | $bi (p50 $(echo "$batch" | jq -r .p50) ms, p99 $(echo "$batch" | jq -r .p99) ms per batch, non-2xx $(echo "$batch" | jq -r .non2xx), events without attempts $batch_lost) | $bc (p50 $(echo "$batch_ceiling" | jq -r .p50) ms, p99 $(echo "$batch_ceiling" | jq -r .p99) ms) bare batch endpoint | $(ratio "$bi" "$bc") |"
  echo "| CPU ms per event, batch: server / PostgreSQL | $batch_cpu | $batch_ceiling_cpu bare batch endpoint | |"
fi
if step drain; then
  echo "| delivery, drain of $BACKLOG attempts, CONCURRENT=32, loopback receiver (deliveries/s) | $drain (failed $failed) | $bookkeeping bookkeeping loop; $network network loop | $(ratio "$drain" "$bookkeeping") of bookkeeping; $(ratio "$drain" "$network") of network |"
fi
if step e2e; then
  echo "| end to end at $RATE events/s, ingest (received_at) → receiver arrival | $(echo "$e2e" | jq -r '"p50 \(.p50|floor) ms, p99 \(.p99|floor) ms (\(.delivered)/\(.sent) delivered; 201 seen by the sender p50 \(.answer_p50) ms, p99 \(.answer_p99) ms)"'); $e2e_stages; mean WAL flush $e2e_wal ms | $(echo "$e2e_ceiling" | jq -r '"p50 \(.p50|floor) ms, p99 \(.p99|floor) ms (\(.delivered)/\(.sent); 201 p50 \(.answer_p50) ms, p99 \(.answer_p99) ms)"') bare ingest + NOTIFY + claim loop (mean WAL flush $e2e_ceiling_wal ms) | |"
fi
echo "| server peak working set | ingest run ${ingest_mem:--} MB, delivery run ${delivery_mem:--} MB | | |"
if step ingest; then echo "| CPU ms per event, ingest: server / PostgreSQL | $ingest_cpu | $ceiling_cpu bare endpoint | |"; fi
if step drain; then echo "| CPU ms per delivery, drain: server (incl. start-up) / PostgreSQL | $drain_cpu | $bookkeeping_cpu bookkeeping loop | |"; fi
if [ "$LARGE" = 1 ]; then
  echo "| large: drain of 1,000,000 attempts (deliveries/s) | $large_drain (peak ${large_mem} MB) | ${drain:-?} on $BACKLOG | $(ratio "$large_drain" "${drain:-0}") |"
  echo "| large: soak ${SOAK_SECS}s at $SOAK_RATE events/s, workers on | $(echo "$soak" | jq -r '"\(.rps|floor) events/s, p99 \(.p99) ms, non-2xx \(.non2xx)"'), pending at end $soak_pending, peak ${soak_mem} MB | | |"
  echo
  echo "Soak memory (MB, every 10 s): $(awk '{ printf "%s ", $2 }' "$work/soak.txt")"
fi
