#!/usr/bin/env bash
# Apicurio Registry from Maven Central: a Confluent-compatible schema registry (API under /apis/ccompat/v7) on
# 127.0.0.1, in-memory storage (every start is empty). The integration tests' registry; `npm start` does not need it.
#
# usage: schema-registry.sh up|fetch|stop|status|reset|url
# env:   SCHEMA_REGISTRY_PORT (8081), SCHEMA_REGISTRY_VERSION (2.6.13.Final: Maven Central here lacks 3.0.9's parent
#        POM; if the asked version cannot be fetched and none was asked for, 3.0.9), SCHEMA_REGISTRY_HEAP_OPTS (-Xms64m -Xmx512m), SCHEMA_REGISTRY_START_TIMEOUT (90 s),
#        OUTFLOW_SERVICES_DIR (<repo>/.services)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FALLBACK_VERSION=3.0.9
VERSIONS=("${SCHEMA_REGISTRY_VERSION:-2.6.13.Final}")
[ -n "${SCHEMA_REGISTRY_VERSION:-}" ] || VERSIONS+=("$FALLBACK_VERSION")
PORT=$SCHEMA_REGISTRY_PORT
INSTANCE=$SERVICES_DIR/schema-registry-$PORT # one instance (logs, pid) per port; storage is in memory
LOGS=$INSTANCE/logs
PIDFILE=$INSTANCE/registry.pid
URL=http://127.0.0.1:$PORT

home_of() { echo "$DIST_DIR/apicurio-registry-$1"; }

# The first version of VERSIONS that is fetched (unpacked completely), if any.
fetched_version() {
  local v
  for v in "${VERSIONS[@]}"; do
    [ -f "$(home_of "$v")/.complete" ] && echo "$v" && return 0
  done
  return 1
}

fetch() {
  local v home
  fetched_version >/dev/null && return 0
  mkdir -p "$DIST_DIR"
  for v in "${VERSIONS[@]}"; do
    home=$(home_of "$v")
    note schema-registry "fetching Apicurio Registry $v with Maven (first run only; ~140 MB download unless in ~/.m2)"
    rm -rf "$home" "$DIST_DIR/.mvn-registry"
    if mvn_quiet "$DIST_DIR/schema-registry-fetch.log" -f "$SCRIPTS_DIR/schema-registry/pom.xml" generate-resources \
      -Dregistry.version="$v" -Dregistry.unpack.dir="$home" -Dregistry.build.dir="$DIST_DIR/.mvn-registry" &&
      [ -f "$home/apicurio-registry-app-$v-runner.jar" ]; then
      touch "$home/.complete"
      return 0
    fi
    rm -rf "$home"
    note schema-registry "Maven could not fetch io.apicurio:apicurio-registry-app:$v:tar.gz:all (log: $DIST_DIR/schema-registry-fetch.log)"
  done
  die "schema-registry: no version of Apicurio Registry could be fetched (tried ${VERSIONS[*]})"
}

# Healthy = Quarkus says ready (storage up), not just an open port.
healthy() { curl -sf --max-time 3 -o /dev/null "$URL/health/ready"; }

report_up() {
  report_started_by_us schema-registry "$URL" "$PIDFILE" "Apicurio $(fetched_version || echo '?')  ccompat: $URL/apis/ccompat/v7  " "$1"
}

status() {
  report_status schema-registry "$URL" "$PORT" "$PIDFILE" "is not ready; log: $LOGS/stdout.log" "no ready registry"
}

start() {
  local v
  [ -x "$JAVA" ] || die "schema-registry: java (17+) not found; set JAVA_HOME"
  port_open 127.0.0.1 "$PORT" && die "schema-registry: port $PORT is already in use by another process"
  v=$(fetched_version) || die "schema-registry: not fetched yet, run: $0 fetch"
  mkdir -p "$LOGS"
  # One processor's worth of threads: it shares a small machine with Kafka and Elasticsearch.
  # shellcheck disable=SC2086
  (cd "$INSTANCE" && launch_detached "$PIDFILE" "$LOGS/stdout.log" "$JAVA" ${SCHEMA_REGISTRY_HEAP_OPTS:--Xms64m -Xmx512m} \
    -XX:ActiveProcessorCount=1 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dquarkus.http.access-log.enabled=false -jar "$(home_of "$v")/apicurio-registry-app-$v-runner.jar")
}

wait_healthy() {
  await_healthy schema-registry "$PIDFILE" "$1" "${SCHEMA_REGISTRY_START_TIMEOUT:-90}" "$LOGS" "$LOGS/stdout.log"
}

up() { bring_up schema-registry "$INSTANCE" "$PIDFILE" no "not ready yet"; }

stop() { stop_pidfile schema-registry "$PIDFILE" 30; }

reset() { reset_instance schema-registry "$INSTANCE"; }

case "${1:-}" in
  url) echo "$URL/apis/ccompat/v7" ;;
  *) service_command 2,9 "$@" ;;
esac
