#!/usr/bin/env bash
# Starts the whole platform on this machine: a private RabbitMQ node and PostgreSQL cluster
# (data under .local/run, free ports), the four services, the gateway with a seeded demo park,
# and the dashboard with traces, metrics and logs. Prints where to click. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")"
. deploy/local/ports.sh
. deploy/local/prerequisites.sh
ensure_prerequisites

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building ..."
dotnet build deploy/AppHost -nologo -v quiet -clp:ErrorsOnly

mkdir -p .local/run
started=$SECONDS
gateway_port=${GATEWAY_PORT:-$(free_port)}
dashboard_port=$(free_port); otlp_port=$(free_port); resource_port=$(free_port)
export ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$resource_port"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
export DOTNET_ENVIRONMENT=Development Park__GatewayPort=$gateway_port

start_apphost() {
  # The built orchestrator itself, not through `dotnet run` (which would stay beside it).
  dotnet artifacts/bin/AppHost/debug/AppHost.dll > .local/run/apphost.log 2>&1 &
  apphost=$!
}
start_apphost
attempt=1
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping ..."
  kill -TERM "$apphost" 2> /dev/null || true
  wait "$apphost" 2> /dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

echo "Starting RabbitMQ, PostgreSQL, planning, filing, tolerance, supervision and the gateway ..."
until curl -fsS "http://127.0.0.1:$gateway_port/health/ready" > /dev/null 2>&1; do
  if ! kill -0 "$apphost" 2> /dev/null; then
    # The orchestrator can give up while its own processes start on a loaded machine: once more.
    if (( attempt == 1 )); then
      attempt=2
      mv .local/run/apphost.log .local/run/apphost.first.log
      echo "The orchestrator stopped while starting (see .local/run/apphost.first.log); starting it once more ..."
      sleep 3
      start_apphost
      continue
    fi
    echo "The platform failed to start; see .local/run/apphost.log" >&2; exit 1
  fi
  if (( SECONDS - started > 300 )); then echo "Not ready after 300 s; see .local/run/apphost.log and the dashboard" >&2; break; fi
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
wait "$apphost"
