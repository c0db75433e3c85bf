#!/usr/bin/env bash
# npm run test:compat: the same integration tests on every supported search server, one server at a time (started
# on SEARCH_PORT, stopped afterwards), then a summary table: per server, its version, tests passed, the plain task's
# documents written and time to the first (and to the last) document, and the time the server's run took. The
# figures come from the tests (recordCompatFigures in packages/testing/src/compat-report.ts), one file per server.
# usage: scripts/test-compat.sh [server...]   (default: every server of search-server.sh but the shared 8.19, which
#        npm test covers: es-7.10 es-7.17 opensearch-1.3 opensearch-2 opensearch-3 es-9). Needs the shared services
#        up and the console built (npm run build -w @outflow/web).
set -uo pipefail
cd "$(dirname "$0")/.."
SERVERS=("$@")
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(es-7.10 es-7.17 opensearch-1.3 opensearch-2 opensearch-3 es-9)
export SEARCH_PORT=${SEARCH_PORT:-19410}
# The matrix: plain with IDs and date split (routing), upserts and write modes, CDC with deletes, aggregation with
# replay, mapping rejections under each policy, server-level failures under each policy, mapping conflicts that
# never pass (dead-lettered, not retried), 413s split by size, aggregation first/last values kept exact,
# the dry run, the index explorer (indices, search, paging, document ↔ message).
FILES=(
  tests/integration/first-outflow.int.test.ts
  tests/integration/routing.int.test.ts
  tests/integration/document-ids-and-write-modes.int.test.ts
  tests/integration/cdc-sync.int.test.ts
  tests/integration/aggregation.int.test.ts
  tests/integration/failure-policies.int.test.ts
  tests/integration/server-level-failures.int.test.ts
  tests/integration/api-validation.int.test.ts
  tests/integration/mapping-conflicts.int.test.ts
  tests/integration/bulk-request-sizes.int.test.ts
  tests/integration/exact-numbers.int.test.ts
  tests/integration/dry-run.int.test.ts
  tests/integration/explorer.int.test.ts
)
# One summary row from a server's figures file: documents, first document, all documents (or "?" when not recorded).
figures_cells() {
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const plain = lines.find((l) => l.scenario.startsWith("plain")) ?? {};
    const ms = (v) => (typeof v === "number" ? `${(v / 1000).toFixed(2)} s` : "?");
    console.log([plain.documents ?? "?", ms(plain.firstDocumentMs), ms(plain.allDocumentsMs)].join(" | "));
  ' "$1" 2>/dev/null || echo "? | ? | ?"
}
summary=()
status=0
for server in "${SERVERS[@]}"; do
  echo; echo "━━ $server"
  started=$(date +%s)
  if ! bash scripts/services/search-server.sh up "$server"; then
    summary+=("| $server | ? | did not start | | | | $(($(date +%s) - started)) s |"); status=1; continue
  fi
  url=$(bash scripts/services/search-server.sh url "$server")
  version=$(curl -s "$url/_nodes/_local/_none?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' | cut -d'"' -f4)
  log=$(mktemp)
  figures=$(mktemp)
  ES_URL=$url OUTFLOW_COMPAT_FIGURES=$figures npx vitest run --project integration "${FILES[@]}" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  tests=$(grep -a -o 'Tests .*' "$log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | sed 's/^Tests *//; s/ *|/,/g')
  echo; echo "━━ $server ($version) figures"
  grep -a '^\[compat\]' "$log" | sed 's/^/  /' || echo "  none recorded"
  summary+=("| $server | ${version:-?} | ${tests:-no result} | $(figures_cells "$figures") | $(($(date +%s) - started)) s |")
  [ "$rc" = 0 ] || status=1
  bash scripts/services/search-server.sh stop "$server"
  rm -f "$log" "$figures"
done
echo; echo "━━ compatibility matrix ($(date -u +%Y-%m-%d))"
echo "| server | version | tests | documents (plain) | first document | all documents | run |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
exit $status
