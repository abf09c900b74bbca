#!/usr/bin/env bash
# Runs DealTracker. With no ConnectionStrings__DealTracker set, it starts a private PostgreSQL in .pgdata/
# (kept between runs, port 54329 or $DEALTRACKER_PG_PORT) with the owner and app roles, migrates as the owner, runs
# as the app role, and loads the demo data on first run.
# Extra arguments go to the app, e.g.  bash scripts/run.sh --urls http://127.0.0.1:5080
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [ -z "${ConnectionStrings__DealTracker:-}" ]; then
  # The owner role applies the migrations; the app runs as the app role, which can only read and write rows.
  ConnectionStrings__DealTrackerOwner="$(bash scripts/local-postgres.sh --as owner)"
  ConnectionStrings__DealTracker="$(bash scripts/local-postgres.sh --as app)"
  export ConnectionStrings__DealTracker ConnectionStrings__DealTrackerOwner
  export Seed__Demo="${Seed__Demo:-true}"
  echo "Using the local PostgreSQL in .pgdata/ ($ConnectionStrings__DealTracker)"
fi

exec dotnet run --project DealTracker.Web --launch-profile http -- "$@"
