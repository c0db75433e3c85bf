#!/usr/bin/env bash
# Make sure Postgres, Redis, Kafka, Elasticsearch and the schema registry (Apicurio, for the tests) are up and
# healthy, starting what is not running; `up.sh postgres redis kafka elasticsearch` brings up only those (npm start).
# Idempotent. Prints one line per service; exits non-zero if one can't be brought up.
# The first run downloads Kafka, Elasticsearch and Apicurio Registry from Maven Central into $OUTFLOW_SERVICES_DIR (<repo>/.services).
# env: KAFKA_PORT, KAFKA_CONTROLLER_PORT, ES_PORT, ES_TRANSPORT_PORT, ES_HEAP, KAFKA_HEAP_OPTS, SCHEMA_REGISTRY_PORT, OUTFLOW_SERVICES_DIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -gt 0 ]; then
  SERVICES=("$@")
else
  SERVICES=(postgres redis kafka elasticsearch schema-registry)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# All in parallel (downloads are serialised by a lock); progress and errors go to stderr as they happen,
# the status lines are printed in a fixed order at the end.
declare -A pids
for svc in "${SERVICES[@]}"; do
  "$SCRIPTS_DIR/$svc.sh" up >"$out/$svc" &
  pids[$svc]=$!
done

failed=()
for svc in "${SERVICES[@]}"; do
  if wait "${pids[$svc]}"; then
    cat "$out/$svc"
  else
    report "$svc" FAILED "(see the error above)"
    failed+=("$svc")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "error: could not bring up: ${failed[*]}" >&2
  exit 1
fi
