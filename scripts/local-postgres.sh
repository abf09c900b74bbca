#!/usr/bin/env bash
# Starts (creating on first use) a private PostgreSQL cluster for DealTracker and prints its connection string.
#   scripts/local-postgres.sh [DATA_DIR] [PORT]      default: <repo>/.pgdata (git-ignored) and port 54329
# Data is kept between runs. PostgreSQL refuses to run as root, so as root the cluster runs as user postgres.
# Development defaults only: trust authentication on 127.0.0.1, never use this cluster for real data.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${1:-$repo/.pgdata}"
port="${2:-${DEALTRACKER_PG_PORT:-54329}}"

find_bin() {
  local dir
  for dir in "${PG_BIN:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

if ! bin="$(find_bin)"; then
  cat >&2 <<'MSG'
PostgreSQL server binaries (initdb, pg_ctl) were not found.
  Debian/Ubuntu:  sudo apt-get install postgresql        (or set PG_BIN to the folder holding pg_ctl)
  Or run everything in containers instead:  docker compose up
  Or point the app at an existing server:   export ConnectionStrings__DealTracker="Host=...;Database=...;Username=...;Password=..."
MSG
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$data_dir"
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$data_dir"; chmod 700 "$data_dir"; fi

if [ ! -f "$data_dir/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 30 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
fi

# Create the database up front, so the app's first start does not log a failed connection attempt.
if ! as_owner "$bin/psql" -h /tmp -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'dealtracker'" | grep -q 1; then
  as_owner "$bin/createdb" -h /tmp -p "$port" -U postgres dealtracker
fi

echo "Host=127.0.0.1;Port=$port;Database=dealtracker;Username=postgres"
