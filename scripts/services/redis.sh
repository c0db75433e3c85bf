#!/usr/bin/env bash
# Redis is a machine service: check it and, if it is down, start a throwaway (no persistence) redis-server.
# usage: redis.sh up|status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ADDR=127.0.0.1:$REDIS_PORT

healthy() {
  if command -v redis-cli >/dev/null; then
    [ "$(timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    port_open 127.0.0.1 "$REDIS_PORT" # no client tools (e.g. Redis runs in Docker)
  fi
}

status() { machine_status redis "$ADDR" "$@"; }

up() {
  local t0
  healthy && status "(already running)" && return 0
  command -v redis-server >/dev/null ||
    die "redis: nothing answers on $ADDR and redis-server is not installed; start Redis yourself or run: docker compose up -d redis"
  t0=$(now_ms)
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null ||
    die "redis: redis-server failed to start"
  await_machine_service redis "$ADDR" "$t0" 10 0.2 "no PONG"
}

machine_service_main "$@"
