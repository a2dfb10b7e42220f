#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in DIR, listening on 127.0.0.1 only (no socket), owned by the
# postgres user when run as root (initdb refuses root). `start DIR [fast]` prints the port;
# `fast` turns off fsync for throwaway test clusters. `stop DIR` stops it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ports.sh"
cmd=${1:?usage: postgres.sh start|stop DIR [fast]}
dir=${2:?usage: postgres.sh start|stop DIR [fast]}
mode=${3:-durable}
bin=/usr/lib/postgresql/15/bin
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 1; }
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1
    fi
    [ -f "$dir/port" ] || free_port > "$dir/port"
    port=$(cat "$dir/port")
    opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories= -c max_connections=300"
    [ "$mode" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start > /dev/null
    echo "$port"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop > /dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|stop DIR [fast]" >&2; exit 2 ;;
esac
