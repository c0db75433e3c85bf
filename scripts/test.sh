#!/usr/bin/env bash
# npm test: every test, on a fresh machine too. Installs what is missing, starts the real services, then runs
# typecheck + lint, unit tests, the migration drift check, integration tests, a short set of fault tests (all of
# them with FAULTS_PROFILE=full, as CI does) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-install.sh
bash scripts/services/up.sh
export NEXT_TELEMETRY_DISABLED=1

step() { echo; echo "━━ $*"; }
step "typecheck + lint"
npm run check --silent
step "unit tests"
npx vitest run --project unit
step "migrations match prisma/schema.prisma"
node packages/db/scripts/migration-new.ts --check
step "build the console"
npm run build --silent -w @outflow/web
step "integration tests (real Kafka, Elasticsearch, Postgres, Redis)"
npx vitest run --project integration
step "on Elasticsearch 7.10.2 too (codelibs runner, 127.0.0.1:19410): failure policies and server-level failures (every server: npm run test:compat)"
trap 'bash scripts/services/search-server.sh stop es-7.10 >/dev/null 2>&1 || true' EXIT
SEARCH_PORT=19410 bash scripts/services/search-server.sh up es-7.10
ES_URL=http://127.0.0.1:19410 npx vitest run --project integration tests/integration/failure-policies.int.test.ts tests/integration/server-level-failures.int.test.ts
SEARCH_PORT=19410 bash scripts/services/search-server.sh stop es-7.10
if [ "${FAULTS_PROFILE:-short}" = "full" ]; then
  step "fault tests, every scenario (dedicated Kafka and Elasticsearch on ports 29092/29200; ~18 min)"
  npx vitest run --project faults
else
  step "fault tests, short profile (dedicated Kafka and Elasticsearch on ports 29092/29200; the full set: npm run test:faults)"
  FAULTS_PROFILE=short npx vitest run --project faults tests/faults/worker-crash.fault.test.ts tests/faults/elasticsearch-outage.fault.test.ts tests/faults/poison-messages.fault.test.ts
fi
step "browser tests (Playwright, Debian's Chromium)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
  else
    echo "error: browser tests need /usr/bin/chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test
