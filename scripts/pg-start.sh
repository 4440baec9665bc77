#!/usr/bin/env bash
# Starts a local PostgreSQL 15 for the tests and the benchmarks, installing it on Debian if
# needed, and prints the URL to use. Idempotent: run it as often as you like.
#
#   scripts/pg-start.sh            # prints postgres://jalon:jalon@127.0.0.1:5432/jalon
#   export TEST_DATABASE_URL=$(scripts/pg-start.sh | tail -n 1)
#
# Runs as root (apt-get, pg_ctlcluster); everything but the URL goes to stderr.
#
# The cluster is meant for throwaway test and benchmark data, so it trades durability for
# speed: fsync, full_page_writes and synchronous_commit are off (a crash of the machine can
# corrupt it; a crash of PostgreSQL alone cannot). Do not point it at data you care about —
# set JALON_PG_DURABLE=1 to keep PostgreSQL's safe defaults.
set -euo pipefail

VERSION=15
# Another cluster or port when 15/main:5432 is taken (the URL printed follows).
CLUSTER=${JALON_PG_CLUSTER:-main}
PORT=${JALON_PG_PORT:-5432}
ROLE=jalon
PASSWORD=jalon
DATABASE=jalon
BIN=/usr/lib/postgresql/$VERSION/bin
CONF_DIR=/etc/postgresql/$VERSION/$CLUSTER

log() { echo "pg-start: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log 'must run as root (it may install packages and manages the cluster as the postgres user)'
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null || [[ ! -x $BIN/postgres ]]; then
  log "installing PostgreSQL $VERSION with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The package creates the main cluster in the current locale: make it UTF-8, not SQL_ASCII.
  LC_ALL=C.UTF-8 apt-get install -y -qq --no-install-recommends "postgresql-$VERSION" >&2
fi

if [[ ! -d $CONF_DIR ]]; then
  log "creating cluster $VERSION/$CLUSTER…"
  pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" --encoding UTF8 --locale C.UTF-8 >&2
fi

# Settings for a test and benchmark server on a small machine; a change restarts the cluster.
mkdir -p "$CONF_DIR/conf.d"
TUNING="$CONF_DIR/conf.d/jalon.conf"
DURABILITY=$([[ ${JALON_PG_DURABLE:-0} == 1 ]] && echo on || echo off)
WANTED="# Written by jalon scripts/pg-start.sh: a throwaway test and benchmark cluster.
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 200
shared_buffers = 256MB
effective_cache_size = 1GB
work_mem = 8MB
fsync = $DURABILITY
full_page_writes = $DURABILITY
synchronous_commit = $DURABILITY
"
changed=0
if [[ ! -f $TUNING ]] || [[ $(cat "$TUNING") != "$(printf '%s' "$WANTED")" ]]; then
  printf '%s' "$WANTED" >"$TUNING"
  changed=1
fi

# /run is a tmpfs: the socket directory disappears at reboot in containers without systemd.
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

if pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  if [[ $changed == 1 ]]; then
    log 'settings changed: restarting'
    pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
  fi
else
  log "starting cluster $VERSION/$CLUSTER…"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "PostgreSQL did not come up on port $PORT"; exit 1; }

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

# Superuser: the test suite creates and drops a database per test file.
psql_admin -d postgres >&2 <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = '$ROLE') then
    create role $ROLE login superuser password '$PASSWORD';
  else
    alter role $ROLE login superuser password '$PASSWORD';
  end if;
end \$\$;
SQL
if [[ -z $(psql_admin -d postgres -tAc "select 1 from pg_database where datname = '$DATABASE'") ]]; then
  psql_admin -d postgres -c "create database $DATABASE owner $ROLE" >&2
fi

log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') ready"
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
