#!/usr/bin/env bash
# Stop Kafka, Elasticsearch, the schema registry and the secured Kafka and Elasticsearch of the integration tests and wipe their data
# (topics, indices, logs; the secured servers' CAs too). Downloads are kept.
# Run up.sh afterwards to get fresh, empty ones.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$SCRIPTS_DIR/kafka.sh" reset
"$SCRIPTS_DIR/kafka-secured.sh" reset
"$SCRIPTS_DIR/elasticsearch.sh" reset
"$SCRIPTS_DIR/elasticsearch-secured.sh" reset
"$SCRIPTS_DIR/schema-registry.sh" reset
