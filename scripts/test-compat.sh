#!/usr/bin/env bash
# npm run test:compat: the same integration tests on every supported search server, one server at a time (started
# on SEARCH_PORT, stopped afterwards), then a summary: per server, tests passed and the time it took.
# usage: scripts/test-compat.sh [server...]   (default: es-7.10 opensearch-2 opensearch-3 es-9; the shared 8.19 runs
#        in npm test). Needs the shared services up and the console built (npm run build -w @outflow/web).
set -uo pipefail
cd "$(dirname "$0")/.."
SERVERS=("$@")
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(es-7.10 opensearch-2 opensearch-3 es-9)
export SEARCH_PORT=${SEARCH_PORT:-19410}
# The matrix: plain with IDs and date split (routing), upserts and write modes, CDC with deletes, aggregation with
# replay, mapping rejections under each policy, server-level failures under each policy.
FILES=(
  tests/integration/first-outflow.int.test.ts
  tests/integration/routing.int.test.ts
  tests/integration/document-ids-and-write-modes.int.test.ts
  tests/integration/cdc-sync.int.test.ts
  tests/integration/aggregation.int.test.ts
  tests/integration/failure-policies.int.test.ts
  tests/integration/server-level-failures.int.test.ts
  tests/integration/api-validation.int.test.ts
)
summary=()
status=0
for server in "${SERVERS[@]}"; do
  echo; echo "━━ $server"
  started=$(date +%s)
  if ! bash scripts/services/search-server.sh up "$server"; then
    summary+=("$server: did not start"); status=1; continue
  fi
  url=$(bash scripts/services/search-server.sh url "$server")
  version=$(curl -s "$url/_nodes/_local/_none?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' | cut -d'"' -f4)
  log=$(mktemp)
  ES_URL=$url npx vitest run --project integration "${FILES[@]}" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  tests=$(grep -a -o 'Tests .*' "$log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g')
  summary+=("$server ($version): ${tests:-no result} in $(($(date +%s) - started)) s")
  [ "$rc" = 0 ] || status=1
  bash scripts/services/search-server.sh stop "$server"
  rm -f "$log"
done
echo; echo "━━ compatibility matrix"
printf '%s\n' "${summary[@]}"
exit $status
