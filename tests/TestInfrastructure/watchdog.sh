#!/usr/bin/env bash
# Stops a test run's private RabbitMQ node, PostgreSQL cluster and service processes once no test
# process uses them any more, even when those processes died without cleaning up (a crash, kill -9,
# an interrupted run). Test processes register in ROOT/users, service processes in ROOT/services.
root=${1:?usage: watchdog.sh ROOT REPO}
repo=${2:?usage: watchdog.sh ROOT REPO}
while sleep 1; do
  [ -d "$root" ] || exit 0
  exec 9>>"$root/lock"
  flock 9
  alive=0
  for f in "$root"/users/*; do
    [ -e "$f" ] || continue
    if kill -0 "${f##*/}" 2>/dev/null; then alive=1; else rm -f "$f"; fi
  done
  if [ "$alive" = 0 ]; then
    for f in "$root"/services/*; do [ -e "$f" ] && kill -9 "${f##*/}" 2>/dev/null; done
    # The shared cluster and any a test started for itself (found by their running postmasters).
    find "$root" -path '*/data/postmaster.pid' | while read -r pidfile; do
      "$repo/deploy/local/postgres.sh" stop "$(dirname "$(dirname "$pidfile")")" || true
    done
    # The shared node and any a test started for itself (found by their pid files).
    find "$root" -name rabbitmq.pid | while read -r pidfile; do
      "$repo/deploy/local/rabbitmq.sh" stop "$(dirname "$pidfile")" || true
    done
    rm -rf "$root"
    exit 0
  fi
  flock -u 9
  exec 9>&-
done
