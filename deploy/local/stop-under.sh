#!/usr/bin/env bash
# Stops every private PostgreSQL cluster and RabbitMQ node found under DIR (a test run's folder:
# the shared ones and those a test started for itself; ./run.sh's .local/run), found by their pid
# files. A cluster's data folder may be a link to where the postgres user can reach it.
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: stop-under.sh DIR}
find "$dir" -name data \( -type d -o -type l \) | while read -r data; do
  [ -f "$data/postmaster.pid" ] && "$here/postgres.sh" stop "$(dirname "$data")" || true
done
find "$dir" -name rabbitmq.pid | while read -r pidfile; do
  "$here/rabbitmq.sh" stop "$(dirname "$pidfile")" || true
done
