#!/usr/bin/env bash
# Stop Kafka and Elasticsearch and wipe their data (topics, indices, logs). Downloads are kept.
# Run up.sh afterwards to get fresh, empty ones.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$SCRIPTS_DIR/kafka.sh" reset
"$SCRIPTS_DIR/elasticsearch.sh" reset
