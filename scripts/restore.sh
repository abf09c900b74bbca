#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database (it refuses one that already holds DealTracker tables,
# so a restore never overwrites data), in one transaction: all of it or nothing.
#   bash scripts/restore.sh FILE
#   bash scripts/restore.sh --compose FILE    into the database of docker-compose.yml (stop the web service first,
#                                             then: docker compose exec db dropdb -U dealtracker dealtracker &&
#                                             docker compose exec db createdb -U dealtracker -O dealtracker_owner dealtracker)
# Which database: $DEALTRACKER_RESTORE_DB (a connection string), else $ConnectionStrings__DealTrackerOwner, else the
# local database of scripts/run.sh. Connect as the owner role: it owns what is restored, and the app role gets back
# the grants it had. The roles themselves are cluster-wide and not in the file: scripts/run.sh, compose and the
# test fixtures create them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/pg-tools.sh"

compose=""
if [ "${1:-}" = "--compose" ]; then compose=1; shift; fi
file="${1:-}"
[ -f "$file" ] || { echo "Usage: bash scripts/restore.sh [--compose] FILE   (FILE: a backup from scripts/backup.sh)" >&2; exit 2; }

check_empty='SELECT count(*) FROM pg_tables WHERE schemaname = '"'"'public'"'"' AND tablename IN ('"'"'leads'"'"', '"'"'__ef_migrations_history'"'"')'
refuse() {
  echo "The target database already holds DealTracker tables: restore only into an empty database (create a new one, or drop and recreate this one owned by the owner role)." >&2
  exit 4
}

if [ -n "$compose" ]; then
  cd "$repo"
  [ "$(docker compose exec -T db psql -U dealtracker -d dealtracker -tAc "$check_empty")" = "0" ] || refuse
  docker compose exec -T db pg_restore -U dealtracker -d dealtracker --role=dealtracker_owner --no-owner \
    --single-transaction --exit-on-error < "$file"
else
  use_connection_string "$(owner_connection_string "${DEALTRACKER_RESTORE_DB:-}")"
  [ "$("$(find_pg_tool psql)" -tAc "$check_empty")" = "0" ] || refuse
  "$(find_pg_tool pg_restore)" --dbname="$PGDATABASE" --no-owner --single-transaction --exit-on-error "$file"
fi
echo "Restored $file into ${PGDATABASE:-dealtracker}"
