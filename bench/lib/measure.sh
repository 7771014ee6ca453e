# Sourced by bench/run.sh and bench/core.sh: CPU and rate arithmetic on a shared machine.
# Needs PGROOT (the throwaway cluster's root folder, scripts/lib/postgres.sh).

# CPU time in ms (user + system) of one process, and of the whole PostgreSQL cluster (the postmaster with its
# exited children, plus its live backends): deltas give each side's CPU cost per event on a shared machine.
cpu_ms() { awk '{ printf "%d", ($14 + $15) * 10 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu_ms() {
  local pm total; pm="$(head -1 "$PGROOT/data/postmaster.pid")"
  total="$(awk '{ print ($14 + $15 + $16 + $17) * 10 }' "/proc/$pm/stat")"
  for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do total=$((total + $(cpu_ms "$c"))); done
  echo "$total"
}
per() { echo "$1 $2" | awk '{ printf "%.3f", ($2 > 0 ? $1 / $2 : 0) }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }'; }
wait_http() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; return 1; }
note() { echo "[bench] $*" >&2; }
