#!/usr/bin/env bash
# Idempotent: a local PostgreSQL 15 for the tests of the central store on PostgreSQL (Debian's cluster),
# with the two roles the README documents (an owner that runs migrations, an app role with row rights only)
# and a test database. Prints the variables to export; `.ci/run` and developers call it (as root or postgres).
# The owner may create databases here (each test file makes its own); a production owner does not need to.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_PORT="${PG_PORT:-5432}"
OWNER="${EDC_TEST_PG_OWNER:-edc_owner}"
APP="${EDC_TEST_PG_APP:-edc_app}"
DB="${EDC_TEST_PG_DB:-edc_test}"
# A throwaway password for a loopback-only test cluster; real deployments use their own (README).
PASSWORD="${EDC_TEST_PG_PASSWORD:-edc-test-only}"

# The caller evals stdout: only the exports at the end go there. Tools print to stdout too
# (pg_ctlcluster says "Removed stale pid file" after a machine restart), so all else goes to stderr.
exec 3>&1 1>&2

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing: postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$PG_VERSION" main start 3>&- # the server must not hold the caller's stdout open
fi

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
}
psql_admin() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

# Roles: created once, passwords (re)set so a fresh clone and a developer's machine agree.
psql_admin -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER') THEN CREATE ROLE $OWNER LOGIN CREATEDB; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP') THEN CREATE ROLE $APP LOGIN; END IF;
END \$\$;
ALTER ROLE $OWNER WITH LOGIN CREATEDB PASSWORD '$PASSWORD';
ALTER ROLE $APP WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$PASSWORD';
SQL
if [ -z "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  # C collation: text sorts by code point, as in SQLite, so both dialects order (and export) alike.
  psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $OWNER TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
fi

{
  echo "export EDC_TEST_PG_URL=postgres://$OWNER@127.0.0.1:$PG_PORT/$DB"
  echo "export EDC_TEST_PG_APP=$APP"
  echo "export PGPASSWORD=$PASSWORD"
} >&3
