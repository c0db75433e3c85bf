#!/usr/bin/env bash
# npm run test:faults: the full fault scenarios (tests/faults, ~18 min). Installs what is missing, makes sure Postgres
# and Redis run, builds the console when it is not built, then runs the scenarios; their global setup starts a
# dedicated Kafka and Elasticsearch on ports 29092/29200 that the scenarios stop and restart. Extra arguments go to
# vitest (e.g. a single file). FAULTS_PROFILE=short runs the short subset's sizes; npx tsx tests/faults/write-report.ts
# then writes the figures into RELIABILITY.md. Worker logs go to .outflow/fault-logs/<time>/<worker id>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-install.sh
bash scripts/services/up.sh
export NEXT_TELEMETRY_DISABLED=1
# every worker's output, one file per worker id, to explain a scenario's figures afterwards
export OUTFLOW_WORKER_LOG_DIR=${OUTFLOW_WORKER_LOG_DIR:-.outflow/fault-logs/$(date -u +%Y%m%dT%H%M%SZ)}
if [ ! -f "apps/web/${NEXT_DIST_DIR:-.next}/BUILD_ID" ]; then
  npm run build --silent -w @outflow/web
fi
exec npx vitest run --project faults "$@"
