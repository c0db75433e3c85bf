#!/usr/bin/env bash
# Postgres is a machine service: check it and, if it is down, start the machine's cluster.
# usage: postgres.sh up|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ADDR=127.0.0.1:$POSTGRES_PORT

healthy() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT"
  else
    port_open 127.0.0.1 "$POSTGRES_PORT" # no client tools (e.g. Postgres runs in Docker)
  fi
}

status() { machine_status postgres "$ADDR" "$@"; }

up() {
  local version t0
  healthy && status "(already running)" && return 0
  if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql ]; then
    die "postgres: nothing answers on $ADDR and this machine has no Debian Postgres cluster (pg_ctlcluster) to start; start Postgres yourself or run: docker compose up -d postgres"
  fi
  version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
  t0=$(now_ms)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    die "postgres: 'pg_ctlcluster $version main start' failed; see /var/log/postgresql/postgresql-$version-main.log"
  await_machine_service postgres "$ADDR" "$t0" 30 0.5 "not ready" "/var/log/postgresql/postgresql-$version-main.log"
}

machine_service_main "$@"
