#!/usr/bin/env bash
# A private RabbitMQ node in DIR: its own epmd, ports, cookie, data and logs, no system service
# touched. `start DIR` starts it in the background and prints the AMQP URI; `run DIR PORT` runs
# it in the foreground on PORT (for a process supervisor) until SIGTERM, and exits non-zero when the
# node cannot boot or stops by itself; `stop DIR` stops the node and its epmd; `kill DIR` kills it
# as a crash would; `vhost DIR NAME` adds a virtual host; `policies DIR NAME` lists its policies.
# Every virtual host made here keeps `_error` and `_skipped` messages for 14 days (retention_policy).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ports.sh"
cmd=${1:?usage: rabbitmq.sh start|run|stop|vhost DIR}
dir=${2:?usage: rabbitmq.sh start|run|stop|vhost DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sbin=/usr/lib/rabbitmq/bin

node_env() {
  # shellcheck disable=SC1091
  . "$dir/ports"
  export HOME="$dir/home" ERL_EPMD_PORT=$EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_NODENAME="park@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=$DIST_PORT
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  # A node that fails to boot writes its crash dump here, not into the caller's working folder.
  export ERL_CRASH_DUMP="$dir/log/erl_crash.dump"
}

# What a consumer gave up on (`_error`) or nobody consumes (`_skipped`) waits 14 days for an operator,
# at most 100,000 messages a queue (the oldest go first): as in the manifests' Policy.
retention_policy() {
  "$sbin/rabbitmqctl" -q set_policy -p "$1" --apply-to queues --priority 10 error-retention \
    '_(error|skipped)$' '{"message-ttl":1209600000,"max-length":100000}' > /dev/null
}

case "$cmd" in
  start|run)
    [ -x "$sbin/rabbitmq-server" ] || { echo "rabbitmq-server is not installed (apt-get install rabbitmq-server)" >&2; exit 1; }
    # A node of this folder that is still shutting down (a quick restart) holds its data: wait.
    if [ -f "$dir/rabbitmq.pid" ]; then
      previous=$(cat "$dir/rabbitmq.pid" 2>/dev/null || true)
      for _ in $(seq 1 60); do
        { [ -n "$previous" ] && kill -0 "$previous" 2>/dev/null; } || break
        sleep 0.5
      done
    fi
    # Fresh distribution ports each time; the AMQP port is the caller's when given.
    {
      echo "AMQP_PORT=${3:-$(free_port)}"; echo "DIST_PORT=$(free_port)"; echo "EPMD_PORT=$(free_port)"
    } > "$dir/ports"
    node_env
    mkdir -p "$HOME" "$dir/mnesia" "$dir/log"
    printf 'listeners.tcp.default = 127.0.0.1:%s\nlog.console = false\nlog.file.level = warning\n' "$AMQP_PORT" > "$dir/rabbitmq.conf"
    echo "[]." > "$dir/advanced.config"
    : > "$dir/rabbitmq-env.conf"
    echo "[]." > "$dir/enabled_plugins"
    if [ "$cmd" = run ]; then
      "$sbin/rabbitmq-server" &
      node=$!
      ( "$sbin/rabbitmqctl" -q await_startup --timeout 600 > /dev/null 2>&1 && retention_policy / ) &
      # Signalled together with this script (a process group's Ctrl-C), rabbitmq-server stops the
      # node too, with an Erlang client that restarts epmd: kill epmd once both are done.
      trap '"$0" stop "$dir"; wait $node; epmd -port "$EPMD_PORT" -kill > /dev/null 2>&1; exit 0' TERM INT
      wait $node || true
      epmd -port "$EPMD_PORT" -kill > /dev/null 2>&1 || true
      # Not stopped by the trap above: the node stopped by itself, or could not boot (its port
      # taken, its data unreadable; the reason is in its last lines above). rabbitmq-server exits 0
      # either way.
      echo "RabbitMQ stopped by itself; its log: $dir/log/$RABBITMQ_NODENAME.log" >&2
      exit 1
    fi
    # --wait: should setsid fork (its caller a group leader), its pid still lives as long as the node.
    setsid --wait "$sbin/rabbitmq-server" > "$dir/log/stdout.log" 2>&1 < /dev/null &
    node=$!
    # A node boots in seconds, and in minutes on a machine busy with builds and tests; one that
    # cannot boot stops at once, and so does the wait.
    deadline=$((SECONDS + 240))
    until (exec 3<>"/dev/tcp/127.0.0.1/$AMQP_PORT") 2>/dev/null; do
      if ! kill -0 "$node" 2>/dev/null || (( SECONDS >= deadline )); then
        echo "RabbitMQ did not open port $AMQP_PORT; the end of $dir/log/stdout.log:" >&2
        tail -n 5 "$dir/log/stdout.log" >&2
        "$0" stop "$dir" || true
        exit 1
      fi
      sleep 0.2
    done
    "$sbin/rabbitmqctl" -q await_startup --timeout 240 > /dev/null
    retention_policy /
    echo "amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
    ;;
  stop)
    [ -f "$dir/ports" ] || exit 0
    node_env
    # `rabbitmqctl stop PIDFILE` waits for the pid file to appear: only ask a node that runs.
    if [ -f "$RABBITMQ_PID_FILE" ]; then
      pid=$(cat "$RABBITMQ_PID_FILE")
      timeout 30 "$sbin/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" > /dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
    fi
    epmd -port "$EPMD_PORT" -kill > /dev/null 2>&1 || true
    ;;
  kill)
    # A crash: SIGKILL, no orderly shutdown (for fault tests); its epmd goes too.
    [ -f "$dir/ports" ] || exit 0
    node_env
    [ -f "$RABBITMQ_PID_FILE" ] && kill -9 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true
    epmd -port "$EPMD_PORT" -kill > /dev/null 2>&1 || true
    ;;
  vhost)
    # A virtual host of its own isolates a test class's queues and exchanges on a shared node.
    name=${3:?usage: rabbitmq.sh vhost DIR NAME}
    node_env
    "$sbin/rabbitmqctl" -q add_vhost "$name" > /dev/null
    "$sbin/rabbitmqctl" -q set_permissions -p "$name" guest '.*' '.*' '.*' > /dev/null
    retention_policy "$name"
    echo "amqp://guest:guest@127.0.0.1:$AMQP_PORT/$name"
    ;;
  queues)
    # Each queue of a virtual host with its messages, ready or delivered and not yet acknowledged:
    # what its consumers have still to handle. One "NAME COUNT" line per queue.
    name=${3:?usage: rabbitmq.sh queues DIR NAME}
    node_env
    "$sbin/rabbitmqctl" -q list_queues -p "$name" --no-table-headers name messages
    ;;
  policies)
    # The policies of a virtual host, one "NAME PATTERN DEFINITION" line each.
    name=${3:?usage: rabbitmq.sh policies DIR NAME}
    node_env
    "$sbin/rabbitmqctl" -q list_policies -p "$name" --no-table-headers | awk -F'\t' '{ print $2, $3, $5 }'
    ;;
  *) echo "usage: rabbitmq.sh start|run|stop|kill|vhost|queues|policies DIR [PORT|NAME]" >&2; exit 2 ;;
esac
