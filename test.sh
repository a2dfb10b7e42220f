#!/usr/bin/env bash
# Installs what is missing, builds, runs every test project on a private RabbitMQ node and
# PostgreSQL cluster (started by the tests, stopped at the end), and prints as its last line
# "N passed, N failed" (", N skipped" when any), counted from the test results.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

# --- what the machine needs -------------------------------------------------------------------
. deploy/local/prerequisites.sh
if ! ensure_prerequisites browser; then
  echo "0 passed, 1 failed"
  exit 1
fi

# --- build ------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build ParkEnforcement.slnx -nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

# --- test -------------------------------------------------------------------------------------
# One run id for every test process, so they share one broker node and one database cluster.
export PARK_TEST_RUN="run-$(date +%Y%m%d%H%M%S)-$$"
results="$root/artifacts/test-results/$PARK_TEST_RUN"
mkdir -p "$results"
cleanup() {
  # The tests stop what they started; their watchdog stops what a crashed process left. Wait for
  # it, and finish the job if it could not.
  local run="$root/.local/test-runs/$PARK_TEST_RUN"
  for _ in $(seq 1 30); do [ -d "$run" ] || return 0; sleep 1; done
  deploy/local/stop-under.sh "$run"
  rm -rf "$run"
}
trap 'cleanup; exit 130' INT TERM

# Test projects run side by side (most of their time is spent waiting on the broker and the
# database), each writing its own results file.
pids=(); names=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" > "$results/$name.log" 2>&1 &
  pids+=($!); names+=("$name")
done
status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || status=1
  echo "=== ${names[$i]}"
  cat "$results/${names[$i]}.log"
done
cleanup

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<< "$counters"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  # A project whose test host crashed reports failure with no test counted: one failure of its own,
  # so that it shows beside the other projects' failures too.
  if grep -q '<ResultSummary outcome="Failed"' "$trx" && [ "$(value failed)$(value error)$(value timeout)$(value aborted)" = 0000 ]; then
    failed=$((failed + 1))
  fi
  skipped=$((skipped + $(value notExecuted)))
done
# A test host that crashed leaves no result for its tests: count it as a failure, never a pass.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
