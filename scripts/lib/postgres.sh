# Sourced by the run and test scripts: installs PostgreSQL from Debian's packages when missing,
# finds its binaries (whatever the major version) and starts/stops throwaway clusters.

pg_bindir() {
  local d
  if [ -n "${PGBIN:-}" ] && [ -x "$PGBIN/initdb" ]; then echo "$PGBIN"; return 0; fi
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

ensure_postgres_installed() {
  if pg_bindir >/dev/null; then return 0; fi
  echo "PostgreSQL server binaries not found: installing Debian's postgresql package..." >&2
  if [ "$(id -u)" != 0 ]; then
    echo "Run as root (or install PostgreSQL yourself, or set PGBIN)." >&2
    return 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  pg_bindir >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

# Starts a throwaway cluster and prints its root folder. Tests run it with fsync off (their data is
# disposable); benchmarks pass "durable" to measure with PostgreSQL's production defaults.
start_throwaway_postgres() {
  local port="$1" mode="${2:-fast}" bin root settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "$mode" = durable ] && settings=""
  bin="$(pg_bindir)"
  root="$(mktemp -d "${TMPDIR:-/tmp}/hook0pg.XXXXXX")"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$root"
    as=(runuser -u postgres --)
  fi
  ( cd / && "${as[@]}" "$bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$root/initdb.log" 2>&1 ) || { cat "$root/initdb.log" >&2; return 1; }
  echo "-p $port -h 127.0.0.1 -k $root $settings -c max_connections=300" >"$root/options"
  ( cd / && "${as[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 -o "$(cat "$root/options")" start >/dev/null ) \
    || { cat "$root/server.log" >&2; return 1; }
  echo "$root"
}

# Fault injection: stops a throwaway cluster at once, as a crash would (-m immediate), keeping its data...
crash_throwaway_postgres() {
  local root="$1" bin as=()
  bin="$(pg_bindir)"
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  ( cd / && "${as[@]}" "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null )
}

# ...and starts it again on the same port with the same settings (it recovers from its WAL).
restart_throwaway_postgres() {
  local root="$1" bin as=()
  bin="$(pg_bindir)"
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  ( cd / && "${as[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 -o "$(cat "$root/options")" start >/dev/null ) \
    || { cat "$root/server.log" >&2; return 1; }
}

stop_throwaway_postgres() {
  local root="$1" bin as=()
  [ -n "$root" ] && [ -d "$root" ] || return 0
  bin="$(pg_bindir)"
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  ( cd / && "${as[@]}" "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 ) || true
  rm -rf "$root"
}
