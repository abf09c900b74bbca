#!/usr/bin/env bash
# Starts (creating on first use) a private PostgreSQL cluster for DealTracker and prints a connection string.
#   scripts/local-postgres.sh [--as admin|owner|app] [DATA_DIR] [PORT]
#       default: --as admin, <repo>/.pgdata (git-ignored) and port 54329
# --as owner prints the role that owns the schema and runs migrations (dealtracker_owner), --as app the role the app
# runs as (dealtracker_app: rows only, no DDL, cannot switch triggers off), --as admin the cluster's superuser.
# Data is kept between runs. PostgreSQL refuses to run as root, so as root the cluster runs as user postgres.
# Development defaults only: trust authentication on 127.0.0.1, never use this cluster for real data.
set -euo pipefail

role=admin
if [ "${1:-}" = "--as" ]; then role="$2"; shift 2; fi
case "$role" in admin|owner|app) ;; *) echo "--as takes admin, owner or app" >&2; exit 2 ;; esac

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

psql_admin() { as_owner "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

# The two roles (cluster-wide, created once) and the database, owned by the owner role; created up front, so the
# app's first start does not log a failed connection attempt.
psql_admin -d postgres >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dealtracker_owner') THEN
    CREATE ROLE dealtracker_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dealtracker_app') THEN
    CREATE ROLE dealtracker_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END;
$$;
SQL
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'dealtracker'" | grep -q 1; then
  as_owner "$bin/createdb" -h /tmp -p "$port" -U postgres -O dealtracker_owner dealtracker
fi

# A database from before the two roles belongs to postgres: hand the schema to the owner role (the app's next start
# grants the app role its rows).
psql_admin -d dealtracker >/dev/null <<'SQL'
DO $$
DECLARE
  item RECORD;
BEGIN
  IF (SELECT datdba FROM pg_database WHERE datname = current_database()) <> 'dealtracker_owner'::regrole THEN
    ALTER DATABASE dealtracker OWNER TO dealtracker_owner;
  END IF;
  FOR item IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                AND c.relowner <> 'dealtracker_owner'::regrole LOOP
    EXECUTE format('ALTER TABLE public.%I OWNER TO dealtracker_owner', item.relname);
  END LOOP;
  FOR item IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> 'dealtracker_owner'::regrole LOOP
    EXECUTE format('ALTER SEQUENCE public.%I OWNER TO dealtracker_owner', item.relname);
  END LOOP;
  FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = 'public' AND p.proowner <> 'dealtracker_owner'::regrole LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO dealtracker_owner', item.signature);
  END LOOP;
END;
$$;
SQL

case "$role" in
  admin) echo "Host=127.0.0.1;Port=$port;Database=dealtracker;Username=postgres" ;;
  owner) echo "Host=127.0.0.1;Port=$port;Database=dealtracker;Username=dealtracker_owner" ;;
  app) echo "Host=127.0.0.1;Port=$port;Database=dealtracker;Username=dealtracker_app" ;;
esac
