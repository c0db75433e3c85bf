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

status() {
  if healthy; then report postgres up "$ADDR  ${1:-}"; else report postgres down "$ADDR" && return 1; fi
}

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
  until healthy; do
    timed_out "$t0" 30 && { log_tail "/var/log/postgresql/postgresql-$version-main.log"; die "postgres: not ready after 30s"; }
    sleep 0.5
  done
  status "(started in $(elapsed "$t0"))"
}

case "${1:-}" in
  up | start) up ;;
  status) status ;;
  *) echo "usage: $0 up|status" >&2 && exit 2 ;;
esac
