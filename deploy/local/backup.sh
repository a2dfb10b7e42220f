#!/usr/bin/env bash
# Backs up and restores the databases of a private PostgreSQL cluster made by postgres.sh (by default
# the one ./run.sh keeps under .local/run/postgres).
#
#   backup.sh backup  [CLUSTER_DIR] [BACKUP_DIR]   the cluster runs; writes one dump per database
#   backup.sh restore BACKUP_DIR [CLUSTER_DIR] [--port PORT]
#
# `backup` dumps every database of the running cluster (pg_dump's custom format, each a consistent
# snapshot of its own database: the services' databases are independent, their outboxes and inboxes
# make the events between them whole again) with the roles (globals.sql), and writes `manifest` (when,
# the port, the databases) and `rows.tsv` (every table's row count, for checking a restore). The
# folder defaults to .local/backups/<date-time>; it is printed at the end.
#
# `restore` puts every database of the backup back into the cluster: each is restored beside the
# old one, which is then dropped (its connections closed) and replaced. Stop the services first where
# you can (locally ./run.sh must be stopped): a service that starts meanwhile may make an empty
# database of the same name. A cluster folder that was lost is made anew, on
# PORT, else the port the folder names, else the port of the backup. A cluster that was not running
# is started for the restore and stopped after it; a running one keeps running and the services
# reconnect by themselves. Databases of the cluster that are not in the backup are left alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/../.." && pwd)
bin=/usr/lib/postgresql/15/bin
usage="usage: backup.sh backup [CLUSTER_DIR] [BACKUP_DIR] | restore BACKUP_DIR [CLUSTER_DIR] [--port PORT]"
cmd=${1:-}
[ $# -gt 0 ] && shift

# The port of the cluster's server, when it runs (postmaster.pid names it on its fourth line).
running_port() {
  local pid_file="$1/data/postmaster.pid"
  [ -f "$pid_file" ] && kill -0 "$(head -1 "$pid_file")" 2>/dev/null || return 1
  sed -n 4p "$pid_file"
}

psql_at() { PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -X -q -v ON_ERROR_STOP=1 "${@:2}"; }

case "$cmd" in
  backup)
    cluster=${1:-$repository/.local/run/postgres}
    target=${2:-$repository/.local/backups/$(date -u +%Y%m%d-%H%M%S)}
    [ -d "$cluster" ] || { echo "No cluster in $cluster" >&2; exit 1; }
    cluster=$(cd "$cluster" && pwd)
    port=$(running_port "$cluster") || { echo "The cluster in $cluster is not running: start it (./run.sh) and back it up while it runs" >&2; exit 1; }
    [ -e "$target" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ] && { echo "$target is not empty" >&2; exit 1; }
    mkdir -p "$target"
    target=$(cd "$target" && pwd)
    databases=$(psql_at "$port" -d postgres -A -t -c "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname")
    "$bin/pg_dumpall" -h 127.0.0.1 -p "$port" -U postgres --globals-only --no-role-passwords -f "$target/globals.sql"
    : > "$target/rows.tsv"
    for db in $databases; do
      "$bin/pg_dump" -h 127.0.0.1 -p "$port" -U postgres -d "$db" -Fc -f "$target/$db.dump"
      # Counted after the dump, so a table written meanwhile may show more rows than the dump holds:
      # back up a quiet platform when the counts are to be compared.
      for table in $(psql_at "$port" -d "$db" -A -t -c "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"); do
        printf '%s\t%s\t%s\n' "$db" "$table" "$(psql_at "$port" -d "$db" -A -t -c "SELECT count(*) FROM $table")" >> "$target/rows.tsv"
      done
    done
    {
      echo "taken $(date -u +%Y-%m-%dT%H:%M:%SZ)"
      echo "cluster $cluster"
      echo "port $port"
      for db in $databases; do echo "database $db"; done
    } > "$target/manifest"
    echo "$target"
    ;;
  restore)
    source=${1:?$usage}
    shift
    cluster=$repository/.local/run/postgres
    port=
    while [ $# -gt 0 ]; do
      case "$1" in
        --port) port=${2:?$usage}; shift 2 ;;
        *) cluster=$1; shift ;;
      esac
    done
    [ -f "$source/manifest" ] || { echo "$source holds no backup (no manifest)" >&2; exit 1; }
    source=$(cd "$source" && pwd)
    mkdir -p "$cluster"
    cluster=$(cd "$cluster" && pwd)
    # ./run.sh holds this lock while it runs: restoring under its feet would race its start.
    if [ "$cluster" = "$repository/.local/run/postgres" ] && [ -f "$repository/.local/run/lock" ]; then
      exec 9> "$repository/.local/run/lock"
      flock -n 9 || { echo "./run.sh is running: stop it before restoring its databases" >&2; exit 1; }
    fi
    started=
    if ! current=$(running_port "$cluster"); then
      if [ -z "$port" ] && [ ! -f "$cluster/port" ]; then port=$(sed -n 's/^port //p' "$source/manifest"); fi
      [ -n "$port" ] && echo "$port" > "$cluster/port"
      current=$("$here/postgres.sh" start "$cluster")
      started=1
    elif [ -n "$port" ] && [ "$port" != "$current" ]; then
      echo "The cluster in $cluster runs on port $current, not $port" >&2; exit 1
    fi
    # The roles first (the dumps' objects belong to them); those that exist stay as they are.
    grep -E '^CREATE ROLE ' "$source/globals.sql" | while read -r _ _ role; do
      role=${role%;}
      psql_at "$current" -d postgres -c "DO \$\$ BEGIN CREATE ROLE $role; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" > /dev/null
    done
    grep -E '^ALTER ROLE ' "$source/globals.sql" | psql_at "$current" -d postgres > /dev/null
    for db in $(sed -n 's/^database //p' "$source/manifest"); do
      # Restored beside it under another name, then swapped in: a service that reconnects meanwhile
      # never finds half a database.
      staged="${db:0:50}_restoring"
      psql_at "$current" -d postgres -c "DROP DATABASE IF EXISTS \"$staged\"" -c "CREATE DATABASE \"$staged\""
      "$bin/pg_restore" -h 127.0.0.1 -p "$current" -U postgres -d "$staged" --exit-on-error "$source/$db.dump"
      psql_at "$current" -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "ALTER DATABASE \"$staged\" RENAME TO \"$db\""
      echo "restored $db"
    done
    if [ -n "$started" ]; then "$here/postgres.sh" stop "$cluster"; fi
    ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
