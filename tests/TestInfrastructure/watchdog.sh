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
    "$repo/deploy/local/stop-under.sh" "$root"
    rm -rf "$root"
    exit 0
  fi
  flock -u 9
  exec 9>&-
done
