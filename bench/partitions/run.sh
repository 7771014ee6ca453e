#!/usr/bin/env bash
# Part C's micro-benchmarks (ADR 0016 draft): ingest insert CPU per event, wave one vs partitioned + event_key,
# on a throwaway PostgreSQL with the test settings (fsync off: CPU and WAL volume, not flush latency).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../../../scripts/lib/postgres.sh"
port="$(free_port)"; root="$(start_throwaway_postgres "$port")"
trap 'stop_throwaway_postgres "$root"' EXIT
P=(psql -h 127.0.0.1 -p "$port" -U postgres -Atq)
"${P[@]}" -c "CREATE DATABASE b"; "${P[@]}" -d b -f "$here/schema.sql"
pm="$(pgrep -u postgres -f "bin/postgres -D $root/data" | head -1)"
cpu() { awk '{print $14+$15+$16+$17}' "/proc/$pm/stat"; }   # postmaster + reaped backends, clock ticks
for i in 1 2 3; do
  for s in old new; do
    a=$(cpu); pgbench -n -h 127.0.0.1 -p "$port" -U postgres -d b -M prepared -c 1 -t 1500 -f "$here/$s.sql" >/dev/null 2>&1; sleep 1; b=$(cpu)
    echo "$s: $(( (b - a) * 10000 / 96000 )) µs of PostgreSQL CPU per event (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
