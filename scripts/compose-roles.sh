#!/usr/bin/env bash
# Run by the postgres image on the first start of an empty volume (docker-entrypoint-initdb.d), as its superuser:
# creates the owner role (owns the dealtracker database and its schema, applies migrations) and the app role (rows
# only: no superuser, no DDL, no roles, cannot switch triggers off). The migrations grant the app role its rows.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$DEALTRACKER_OWNER_PASSWORD" -v app_password="$DEALTRACKER_APP_PASSWORD" <<'SQL'
CREATE ROLE dealtracker_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE dealtracker_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
ALTER DATABASE dealtracker OWNER TO dealtracker_owner;
SQL
