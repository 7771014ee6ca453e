#!/usr/bin/env bash
# Times the in-place upgrade out of wave one (issue #20, ADR 0016) on a durable throwaway PostgreSQL:
#   bash scripts/upgrade-timing/run.sh [attempt chains, default 1000000]
# Migrates a new database to the last wave-one migrations, seeds it (seed-wave-one.sql), then applies this version's
# migrations module by module as the start-up migrator does, timing each step and the WAL it writes. Needs a build.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/postgres.sh
rows="${1:-1000000}"
port="$(free_port)"
PGROOT="$(start_throwaway_postgres "$port" durable)"
trap 'stop_throwaway_postgres "$PGROOT"' EXIT
# No command timeout: the move runs as long as it takes (the start-up migrator sets none either).
cs="Host=127.0.0.1;Port=$port;Username=postgres;Database=upgrade;Command Timeout=0"
psql=(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d upgrade -v ON_ERROR_STOP=1)
dotnet tool restore >/dev/null
ef() { dotnet ef database update "$2" --context "$1" --project Hook0.Modules --startup-project Hook0.Web --connection "$cs" --no-build >"$PGROOT/ef.log" 2>&1 || { cat "$PGROOT/ef.log" >&2; return 1; }; }
ef OrganizationsDbContext 20261207085533_SystemApplicationPerOrganization
ef IngestionDbContext 20261129022441_EventListFilters
ef DeliveryDbContext 20261129031652_DeliveryAnalyticsHourly
start=$(date +%s.%N)
"${psql[@]}" -v rows="$rows" -f scripts/upgrade-timing/seed-wave-one.sql
"${psql[@]}" -c "VACUUM ANALYZE" -c "CHECKPOINT"
echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s: $("${psql[@]}" -tA -c "SELECT (SELECT count(*) FROM webhook.request_attempt) || ' attempts, ' || (SELECT count(*) FROM webhook.response) || ' responses, ' || (SELECT count(*) FROM event.event) || ' events, database ' || pg_size_pretty(pg_database_size('upgrade'))")"
# Each step's time includes starting dotnet-ef (about 5 s here: the Ingestion step only replaces a view).
step() {
  local lsn before
  lsn="$("${psql[@]}" -tA -c "SELECT pg_current_wal_lsn()")"
  before=$(date +%s.%N)
  ef "$1" "$2"
  echo "$1 -> $2: $(echo "$(date +%s.%N) - $before" | bc) s, WAL $("${psql[@]}" -tA -c "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn'))")"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
step IngestionDbContext "$(ls Hook0.Modules/Ingestion/Data/Migrations/*.cs | grep -v -e Designer -e Snapshot | tail -1 | xargs basename | sed 's/\.cs$//')"
step DeliveryDbContext 20261207104332_SecondDesign
step DeliveryDbContext 20261207105258_MoveWaveOneData
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"${psql[@]}" -tA -c "SELECT (SELECT count(*) FROM webhook.attempt) || ' history rows, ' || (SELECT count(*) FROM webhook.delivery_queue) || ' queued, database ' || pg_size_pretty(pg_database_size('upgrade'))"
