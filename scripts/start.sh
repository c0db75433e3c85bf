#!/usr/bin/env bash
# npm start: the whole product on this machine. Installs what is missing, starts Kafka, Elasticsearch, Postgres and
# Redis, applies migrations, creates the first admin or prints a setup link, builds the console, then runs the web
# app on http://127.0.0.1:3000 and one worker. Ctrl-C stops the web app and the worker; the services keep running
# (npm run services:down stops them). The web app and the worker are supervised apart: either one that exits is
# started again, the other keeps running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-install.sh
bash scripts/services/up.sh postgres redis kafka elasticsearch # not the schema registry: only the tests need it

mkdir -p .outflow
if [ ! -f .outflow/env ]; then
  # The key that encrypts connection secrets at rest; keep it (losing it makes stored secrets unreadable).
  printf 'OUTFLOW_SECRET_KEY=%s\n' "$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')" > .outflow/env
  chmod 600 .outflow/env
  echo "› created .outflow/env with a new OUTFLOW_SECRET_KEY"
fi
set -a
source .outflow/env
set +a
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/outflow}
export NEXT_TELEMETRY_DISABLED=1

npm run db:migrate --silent
echo "› building the console and the worker"
npm run build --silent -w @outflow/web
npm run build --silent -w @outflow/worker

PORT=${PORT:-3000}
export PORT
# After the builds, so the link is among the last lines printed: while no user exists, the first admin from
# OUTFLOW_ADMIN_EMAIL/OUTFLOW_ADMIN_PASSWORD, else a one-time setup link (valid for an hour).
npx tsx packages/auth/scripts/first-run.ts
source scripts/lib/supervise.sh
pids=()
cleanup() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap cleanup INT TERM EXIT
# Each process under its own supervisor: if the web app dies the worker keeps moving data (and the other way round),
# and the dead one is started again.
(set +e; cd apps/web && supervise "the web app" ../../node_modules/.bin/next start -H 127.0.0.1 -p "$PORT") &
pids+=($!)
# The one worker serves Prometheus metrics on 9464 unless told otherwise (0: off); more workers on one host need a
# port each.
export OUTFLOW_WORKER_METRICS_PORT=${OUTFLOW_WORKER_METRICS_PORT:-9464}
(set +e; supervise "the worker" apps/worker/bin/outflow-worker) &
pids+=($!)
echo "› Outflow is running: console and API on http://127.0.0.1:$PORT (Ctrl-C to stop)"
if [ "$OUTFLOW_WORKER_METRICS_PORT" != "0" ]; then
  echo "  worker metrics (Prometheus): http://127.0.0.1:$OUTFLOW_WORKER_METRICS_PORT/metrics; the console's: /api/metrics (admin)"
fi
wait "${pids[@]}"
