#!/usr/bin/env bash
# Stop the Kafka, Elasticsearch and schema registry that up.sh started, and the secured Kafka and Elasticsearch of the integration tests (by pid file).
# Data is kept.
# Postgres and Redis are machine services and are left alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$SCRIPTS_DIR/kafka.sh" stop
"$SCRIPTS_DIR/kafka-secured.sh" stop
"$SCRIPTS_DIR/elasticsearch.sh" stop
"$SCRIPTS_DIR/elasticsearch-secured.sh" stop
"$SCRIPTS_DIR/schema-registry.sh" stop
