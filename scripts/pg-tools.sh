#!/usr/bin/env bash
# Sourced by backup.sh and restore.sh: finds the PostgreSQL client tools and turns a .NET connection string
# ("Host=...;Port=...;Database=...;Username=...;Password=...") into libpq's PG* environment variables.

find_pg_tool() {
  local tool="$1" dir
  for dir in "${PG_BIN:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -n "$dir" ] && [ -x "$dir/$tool" ] && { echo "$dir/$tool"; return 0; }
  done
  command -v "$tool" 2>/dev/null && return 0
  echo "$tool was not found: apt-get install postgresql-client (or set PG_BIN to the folder holding it)" >&2
  return 3
}

use_connection_string() {
  local pair key value
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    [ -z "$pair" ] && continue
    key="$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|user|userid|"user id") export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { echo "The connection string names no Database." >&2; return 2; }
}

# The database to back up or restore: the given variable, else the owner connection string, else the local
# database of scripts/run.sh (as its owner role).
owner_connection_string() {
  if [ -n "${1:-}" ]; then echo "$1"
  elif [ -n "${ConnectionStrings__DealTrackerOwner:-}" ]; then echo "$ConnectionStrings__DealTrackerOwner"
  else bash "$(dirname "${BASH_SOURCE[0]}")/local-postgres.sh" --as owner
  fi
}
