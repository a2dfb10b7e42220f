#!/usr/bin/env bash
# Stops every private PostgreSQL cluster and RabbitMQ node found under DIR (a test run's folder:
# the shared ones and those a test started for itself), found by their pid files.
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: stop-under.sh DIR}
find "$dir" -path '*/data/postmaster.pid' | while read -r pidfile; do
  "$here/postgres.sh" stop "$(dirname "$(dirname "$pidfile")")" || true
done
find "$dir" -name rabbitmq.pid | while read -r pidfile; do
  "$here/rabbitmq.sh" stop "$(dirname "$pidfile")" || true
done
