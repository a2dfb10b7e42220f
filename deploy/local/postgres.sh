#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in DIR, listening on 127.0.0.1 only (no socket), owned by the
# postgres user when run as root (initdb refuses root). `start DIR [fast]` starts it in the
# background and prints the port (`fast` turns off fsync, for throwaway test clusters);
# `run DIR PORT` runs it in the foreground (for a process supervisor) until SIGTERM, and exits
# non-zero with the server's message when it cannot start or stops by itself; `stop DIR` stops it.
#
# Run as root from a folder the postgres user cannot reach (a clone in root's home, mode 0700),
# the cluster's files live in /var/lib/park-enforcement/postgres/<hash of DIR> instead, owned by
# postgres, and DIR/data and DIR/postgres.log link to them: no folder above DIR is opened to
# others. Such a cluster whose DIR no longer links to it (DIR deleted) is removed at the next start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ports.sh"
cmd=${1:?usage: postgres.sh start|run|stop DIR [fast|PORT]}
dir=${2:?usage: postgres.sh start|run|stop DIR [fast|PORT]}
mode=${3:-durable}
bin=/usr/lib/postgresql/15/bin
relocated=/var/lib/park-enforcement/postgres
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_owner() {
  # From / : the caller's folder may be one the postgres user cannot enter.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env -C / "$@"; else "$@"; fi
}

# Removes relocated clusters whose folder is gone, unless their server still runs.
forget_orphans() {
  local cluster origin
  for cluster in "$relocated"/*/; do
    cluster=${cluster%/}
    [ -f "$cluster/origin" ] || continue
    origin=$(cat "$cluster/origin")
    [ "$(readlink "$origin/data" 2>/dev/null)" = "$cluster/data" ] && continue
    [ -f "$cluster/data/postmaster.pid" ] && kill -0 "$(head -1 "$cluster/data/postmaster.pid")" 2>/dev/null && continue
    rm -rf -- "$cluster"
  done
}

# Where the postgres user keeps this cluster's files: DIR itself when it can reach it.
prepare_folder() {
  [ "$(id -u)" = 0 ] || return 0
  chown postgres: "$dir"
  [ -d "$relocated" ] && forget_orphans
  if [ ! -L "$dir/data" ] && runuser -u postgres -- test -w "$dir" -a -x "$dir"; then return 0; fi
  local cluster
  cluster="$relocated/$(printf '%s' "$dir" | sha256sum | cut -c1-16)"
  mkdir -p "$cluster"
  chmod 755 /var/lib/park-enforcement "$relocated"
  chown postgres: "$cluster"
  chmod 700 "$cluster"
  # A cluster made here before this folder became unreachable moves along with it.
  if [ -d "$dir/data" ] && [ ! -L "$dir/data" ]; then
    [ -e "$cluster/data" ] && { echo "$dir/data and $cluster/data both exist; remove one" >&2; exit 1; }
    mv "$dir/data" "$cluster/data"
  fi
  ln -sfn "$cluster/data" "$dir/data"
  ln -sfn "$cluster/postgres.log" "$dir/postgres.log"
  # Written last: forget_orphans takes a cluster with an origin but no link to it for an orphan.
  printf '%s\n' "$dir" > "$cluster/origin"
}

# The folder of the server's files as the postgres user sees it.
data_folder() {
  if [ -L "$dir/data" ]; then readlink "$dir/data"; else echo "$dir/data"; fi
}

case "$cmd" in
  start|run)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 1; }
    prepare_folder
    data=$(data_folder)
    if [ ! -f "$data/PG_VERSION" ]; then
      if ! as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1; then
        echo "initdb failed for $data:" >&2; tail -n 20 "$dir/initdb.log" >&2; exit 1
      fi
    fi
    if [ "$cmd" = run ]; then
      port=${mode:?usage: postgres.sh run DIR PORT}
      # A server of this folder that is still shutting down (a quick restart): wait for it; one
      # whose supervisor was killed would never stop: stop it.
      for _ in $(seq 1 60); do
        [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null || break
        sleep 0.5
      done
      if [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop > /dev/null 2>&1 || true
      fi
      # The user the services serve as (ConnectionStrings__<name>; the migrations run as postgres, the
      # owner): it owns no table, so what is append-only stays so (services/shared/Persistence/AppendOnly.cs).
      # Made in single-user mode, before the server listens, so it exists before any service connects.
      if ! echo "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'park_service') THEN CREATE ROLE park_service LOGIN; END IF; END \$\$;" \
          | as_owner "$bin/postgres" --single -D "$data" postgres > "$dir/roles.log" 2>&1; then
        echo "PostgreSQL could not make the services' user in $data:" >&2; tail -n 20 "$dir/roles.log" >&2; exit 1
      fi
      as_owner "$bin/postgres" -D "$data" -c listen_addresses=127.0.0.1 -p "$port" -c unix_socket_directories= -c max_connections=300 &
      server=$!
      # A fast shutdown: a plain SIGTERM would wait for every client to leave.
      trap 'as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop > /dev/null 2>&1; wait $server; exit 0' TERM INT
      code=0
      wait $server || code=$?
      [ "$code" = 0 ] || echo "PostgreSQL stopped (exit $code): see its messages above" >&2
      exit "$code"
    fi
    [ -f "$dir/port" ] || free_port > "$dir/port"
    port=$(cat "$dir/port")
    opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories= -c max_connections=300"
    # fast: the test runs' cluster, shared by every test process at once.
    [ "$mode" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600"
    log="$dir/postgres.log"
    [ -L "$log" ] && log=$(readlink "$log")
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$log" -o "$opts" -w -t 240 start > /dev/null; then
      echo "PostgreSQL did not start in $dir; the end of its log:" >&2
      tail -n 20 "$log" >&2 2>/dev/null || true
      exit 1
    fi
    echo "$port"
    ;;
  stop)
    data=$(data_folder)
    [ -f "$data/postmaster.pid" ] || exit 0
    # Until it is down, however long a loaded machine takes: a start right after a stop that gave up
    # early would find the old server still shutting down and fail.
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 240 stop > /dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|run|stop DIR [fast|PORT]" >&2; exit 2 ;;
esac
