#!/usr/bin/env bash
# Starts the whole platform on this machine: a private RabbitMQ node and PostgreSQL cluster
# (data under .local/run or RUN_FOLDER, free ports), the four services, the gateway with a seeded
# demo park, and the dashboard with traces, metrics and logs. Prints where to click once the gateway answers
# /health/ready, and fails at once, with the reason, when a dependency cannot start. A process that
# stops unexpectedly is restarted, and the output says so. Ctrl-C (or SIGTERM) stops it all, at any
# moment, leaving no process behind.
set -euo pipefail
# Where this run keeps its data, logs and lock: .local/run in the clone unless RUN_FOLDER says
# otherwise (relative to the folder it is started from).
run=$(realpath -m -- "${RUN_FOLDER:-$(dirname "$0")/.local/run}")
cd "$(dirname "$0")"
. deploy/local/ports.sh
. deploy/local/prerequisites.sh
ensure_prerequisites

mkdir -p "$run"
# One run per folder: two would share its data.
exec 9> "$run/lock"
if ! flock -n 9; then
  echo "./run.sh already runs from this folder; stop it first." >&2
  exit 1
fi

build=
apphost=
# The sessions of the orchestrator's processes: its own, and those of DCP, which watches it
# (`dcp start-apiserver --monitor PID`) and starts the processes in sessions of their own.
orchestrator_sessions() {
  # Its own pid counts only while it is still this run's orchestrator: once waited for, the pid is free
  # and may already be another program's, whose session must not be stopped with ours.
  local app=
  if [ -n "$apphost" ] && grep -qsxzF "Park__Data=$run" "/proc/$apphost/environ"; then app=$apphost; fi
  ps -eo pid=,ppid=,sid=,args= | awk -v app="$app" -v watched="$apphost" '
    { pid[NR] = $1; ppid[NR] = $2; sid[NR] = $3
      if (app != "" && $1 == app) mine[$1] = 1
      for (i = 4; i < NF; i++) if ($i == "--monitor" && $(i + 1) == watched) mine[$1] = 1 }
    END { for (r = 1; r <= NR; r++) if (ppid[r] in mine) mine[pid[r]] = 1
          for (r = 1; r <= NR; r++) if (pid[r] in mine) print sid[r] }' | sort -u
}
# Stops the orchestrator, waits for DCP to stop its processes (it does so once the orchestrator
# has gone), and, as a last resort, stops whatever of this run is left: the broker node and database
# cluster under the run's folder, any process left in the orchestrator's sessions, and the node's epmd
# (which leaves every session).
stop_apphost() {
  local sessions= env
  if [ -n "$apphost" ]; then
    sessions=$(orchestrator_sessions | paste -sd, -)
    if kill -0 "$apphost" 2> /dev/null; then
      kill -TERM "$apphost" 2> /dev/null || true
      for _ in $(seq 1 120); do kill -0 "$apphost" 2> /dev/null || break; sleep 0.5; done
    fi
    if [ -n "$sessions" ]; then
      for _ in $(seq 1 120); do pgrep -s "$sessions" > /dev/null || break; sleep 0.5; done
    fi
  fi
  deploy/local/stop-under.sh "$run" > /dev/null 2>&1 || true
  if [ -n "$sessions" ]; then
    pkill -KILL -s "$sessions" 2> /dev/null || true
    for _ in $(seq 1 20); do pgrep -s "$sessions" > /dev/null || break; sleep 0.5; done
  fi
  # Known by the home the node's processes run with.
  for env in $(grep -lsxzF "HOME=$run/rabbitmq/home" /proc/[0-9]*/environ); do
    env=${env#/proc/}; kill -KILL "${env%/environ}" 2> /dev/null || true
  done
  if [ -n "$apphost" ]; then wait "$apphost" 2> /dev/null || true; fi
  apphost=
}
# Runs once, whatever arrives meanwhile, and exits: it never returns into the start.
finish() {
  local code=$1
  trap '' INT TERM
  trap - EXIT
  if [ -n "$build" ]; then kill -TERM "$build" 2> /dev/null || true; wait "$build" 2> /dev/null || true; fi
  if [ -n "$apphost" ]; then
    echo; echo "Stopping ..."
    stop_apphost
    echo "Stopped."
  fi
  exit "$code"
}
trap 'finish 130' INT
trap 'finish 143' TERM
trap 'finish $?' EXIT
# What a run killed outright left behind.
stop_apphost

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# SKIP_BUILD=1: what is built already is run as it is (the tests of this script, after test.sh built it all).
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "Building ..."
  # In the background, so a signal is handled at once; without build servers, which would outlive the run.
  dotnet build deploy/AppHost -nologo -v quiet -clp:ErrorsOnly --disable-build-servers &
  build=$!
  wait "$build"
  build=
fi

gateway_port=${GATEWAY_PORT:-$(free_port)}
dashboard_port=$(free_port); otlp_port=$(free_port); resource_port=$(free_port)
export ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$resource_port"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
export DOTNET_ENVIRONMENT=Development Park__GatewayPort=$gateway_port Park__Data=$run
# Killed outright, this script cannot stop the orchestrator: it then stops by itself.
export Park__Launcher=$$

# The exit code of the orchestrator when a dependency could not start (ProcessWatch.DependencyFailed).
dependency_failed=3
start_apphost() {
  # The built orchestrator itself, not through `dotnet run` (which would stay beside it), in a
  # session of its own: a Ctrl-C reaches this script only, which stops it in order. Its logs go to
  # the log file; what it says to the operator (a restart, a dependency that cannot start), here.
  setsid dotnet artifacts/bin/AppHost/debug/AppHost.dll 2> "$run/apphost.log" 9>&- &
  apphost=$!
}

timeout=${START_TIMEOUT:-600}
started=$SECONDS
attempt=1
start_apphost
echo "Starting RabbitMQ, PostgreSQL, planning, filing, tolerance, supervision and the gateway ..."
until [ "$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$gateway_port/health/ready" 2> /dev/null)" = 200 ]; do
  if ! kill -0 "$apphost" 2> /dev/null; then
    code=0; wait "$apphost" || code=$?
    # The orchestrator itself can give up while its processes start on a loaded machine: once
    # more. A dependency that cannot start would only fail again.
    if (( code != dependency_failed && attempt == 1 )); then
      attempt=2
      stop_apphost
      mv "$run/apphost.log" "$run/apphost.first.log"
      echo "The orchestrator stopped while starting (see $run/apphost.first.log); starting it once more ..."
      start_apphost
      continue
    fi
    echo "The platform failed to start; see $run/apphost.log" >&2
    finish 1
  fi
  if (( SECONDS - started >= timeout )); then
    echo "The platform is not ready after $timeout s (START_TIMEOUT); see $run/apphost.log and the dashboard at http://127.0.0.1:$dashboard_port" >&2
    finish 1
  fi
  sleep 1
done

cat <<MSG

Park enforcement platform (园区执法"瘦身"改革) is ready after $((SECONDS - started)) s.
  Console     http://127.0.0.1:$gateway_port/console
  API         http://127.0.0.1:$gateway_port/api/{planning,filing,tolerance,supervision}/...
  Health      http://127.0.0.1:$gateway_port/health/ready
  Dashboard   http://127.0.0.1:$dashboard_port   (traces, metrics, logs of every process)
Press Ctrl-C to stop everything.
MSG
code=0; wait "$apphost" || code=$?
echo "The orchestrator stopped by itself (exit $code); see $run/apphost.log" >&2
finish 1
