#!/usr/bin/env bash
# Backs up the DealTracker database to one file (pg_dump custom format: compressed, restored with restore.sh).
#   bash scripts/backup.sh [FILE]             default FILE: backups/dealtracker-<UTC time>.dump
#   bash scripts/backup.sh --compose [FILE]   the database of docker-compose.yml (its db container must run)
# Which database: $DEALTRACKER_BACKUP_DB (a connection string), else $ConnectionStrings__DealTrackerOwner, else the
# local database of scripts/run.sh. Runs as the owner role, which can read everything; the app keeps running.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/pg-tools.sh"

compose=""
if [ "${1:-}" = "--compose" ]; then compose=1; shift; fi
file="${1:-$repo/backups/dealtracker-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"

if [ -n "$compose" ]; then
  (cd "$repo" && docker compose exec -T db pg_dump -U dealtracker -d dealtracker --format=custom) > "$file.partial"
else
  use_connection_string "$(owner_connection_string "${DEALTRACKER_BACKUP_DB:-}")"
  "$(find_pg_tool pg_dump)" --format=custom --file="$file.partial"
fi
# Only a complete dump gets the name: a failed run never leaves a file that looks like a backup.
mv "$file.partial" "$file"
echo "Backed up ${PGDATABASE:-dealtracker} to $file ($(du -h "$file" | cut -f1))"
