#!/usr/bin/env bash
# Measures DealTracker at 1,000, 10,000 and 100,000 leads and writes docs/benchmarks.md (about 10 minutes).
# The program creates a scratch database, generates the data, measures, and drops the database at the end.
# With no DEALTRACKER_BENCH_PG (a connection string to a server where the user may create databases) it uses the
# local PostgreSQL of scripts/run.sh (.pgdata/, port 54329), starting it if needed.
# Extra arguments go to the program: --sizes 1000,10000  --out path.md  --pages 20
# --mode invariants, import, search, history, circuits, export or memory measures only that, into its own section of the file (see the README).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Chromium (the memory-per-board measurement opens board pages in it)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  else
    echo "The benchmarks need Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
    exit 3
  fi
fi

server="${DEALTRACKER_BENCH_PG:-}"
if [ -z "$server" ]; then
  server="$(bash scripts/local-postgres.sh)"
fi

export DEALTRACKER_BENCH_COMMAND="bash scripts/benchmarks.sh${*:+ $*}"
exec dotnet run -c Release --project DealTracker.Benchmarks -- "$server" "$@"
