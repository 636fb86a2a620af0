#!/usr/bin/env bash
# A throw-away PostgreSQL primary and a streaming standby made with `pg_basebackup -R` (issue 14),
# for the replica tests and for trying READ_DATABASE_URL locally.
#
#   scripts/replica.sh start [dir=/tmp/motcua-replica] [primaryPort=55461] [replicaPort=55462]
#   scripts/replica.sh stop  [dir=/tmp/motcua-replica]
#
# `start` prints the two URLs (database motcua_test, user motcua, no password) as shell assignments:
#   eval "$(scripts/replica.sh start)"   # sets TEST_DATABASE_URL and TEST_REPLICA_URL
# Run as root, it runs the servers as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

cmd=${1:-start}
dir=${2:-/tmp/motcua-replica}
primary_port=${3:-55461}
replica_port=${4:-55462}

pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)" 2>/dev/null || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  pgbin=$(dirname "$(command -v initdb || echo /nonexistent/initdb)")
fi
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Options for both servers; fsync off: throw-away data, and the machine's disk is shared.
common="-k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c wal_level=replica -c max_wal_senders=5"

stop() {
  for node in replica primary; do
    if [ -f "$dir/$node/postmaster.pid" ]; then
      as_pg "$pgbin/pg_ctl" -D "$dir/$node" -m fast stop >/dev/null 2>&1 || true
    fi
  done
}

case "$cmd" in
  start)
    stop
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$dir"
    fi
    # initdb's default pg_hba.conf lets local replication connections in with the --auth method.
    as_pg "$pgbin/initdb" -D "$dir/primary" -U motcua --auth=trust -E UTF8 >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -o "-p $primary_port $common" start >/dev/null
    as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$primary_port" -U motcua motcua_test
    # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
    as_pg "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U motcua -D "$dir/replica" -R -X stream -c fast >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w -o "-p $replica_port $common -c hot_standby=on" start >/dev/null
    standby=$(as_pg "$pgbin/psql" -h 127.0.0.1 -p "$replica_port" -U motcua -d motcua_test -Atc 'select pg_is_in_recovery()')
    [ "$standby" = "t" ] || { echo "the copy on port $replica_port is not a standby" >&2; exit 1; }
    echo "TEST_DATABASE_URL=postgres://motcua@127.0.0.1:$primary_port/motcua_test"
    echo "TEST_REPLICA_URL=postgres://motcua@127.0.0.1:$replica_port/motcua_test"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: $0 start|stop [dir] [primaryPort] [replicaPort]" >&2
    exit 2
    ;;
esac
