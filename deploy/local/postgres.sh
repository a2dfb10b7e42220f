#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in DIR, listening on 127.0.0.1 only (no socket), owned by the
# postgres user when run as root (initdb refuses root). `start DIR [fast]` starts it in the
# background and prints the port (`fast` turns off fsync, for throwaway test clusters);
# `run DIR PORT` runs it in the foreground (for a process supervisor) until SIGTERM;
# `stop DIR` stops it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ports.sh"
cmd=${1:?usage: postgres.sh start|run|stop DIR [fast|PORT]}
dir=${2:?usage: postgres.sh start|run|stop DIR [fast|PORT]}
mode=${3:-durable}
bin=/usr/lib/postgresql/15/bin
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start|run)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 1; }
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1
    fi
    if [ "$cmd" = run ]; then
      port=${mode:?usage: postgres.sh run DIR PORT}
      # A server of this folder that is still shutting down (a quick restart): wait for it.
      for _ in $(seq 1 60); do
        [ -f "$dir/data/postmaster.pid" ] && kill -0 "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null || break
        sleep 0.5
      done
      as_owner "$bin/postgres" -D "$dir/data" -c listen_addresses=127.0.0.1 -p "$port" -c unix_socket_directories= -c max_connections=300 &
      server=$!
      # A fast shutdown: a plain SIGTERM would wait for every client to leave.
      trap 'as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1; wait $server; exit 0' TERM INT
      wait $server
      exit 0
    fi
    [ -f "$dir/port" ] || free_port > "$dir/port"
    port=$(cat "$dir/port")
    opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories= -c max_connections=300"
    # fast: the test runs' cluster, shared by every test process at once.
    [ "$mode" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 240 start > /dev/null
    echo "$port"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop > /dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|run|stop DIR [fast|PORT]" >&2; exit 2 ;;
esac
