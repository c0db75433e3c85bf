#!/usr/bin/env bash
# npm run test:security: the security suite on the real services — who may call which route (every route file and
# method, every role, anonymous), forged and cross-site requests, sign-in limits, what viewers read, secrets never
# shown or sent to a moved host, the connect policy, size bounds — and the API fuzz from several seeds with more
# requests than npm test's one run (OUTFLOW_FUZZ_REQUESTS per seed, default 3,000; seeds in OUTFLOW_FUZZ_SEEDS).
# Prints a summary: files and tests passed, fuzz requests sent and statuses seen. Needs the console built.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-install.sh
bash scripts/services/up.sh
[ -d "apps/web/${NEXT_DIST_DIR:-.next}" ] || npm run build --silent -w @outflow/web
FILES=$(ls tests/integration/{route-access,forged-requests,auth,trusted-proxies,reason-masking,secrets-canary,secret-binding,connect-policy,connection-checks,size-bounds,list-paging}.int.test.ts)
log=$(mktemp)
status=0
echo "━━ role matrix, forged requests, sign-in, masking, secrets, connect policy, bounds"
npx vitest run --project integration $FILES 2>&1 | tee -a "$log" || status=1
for seed in ${OUTFLOW_FUZZ_SEEDS:-20201 7 4242}; do
  echo; echo "━━ API fuzz, seed $seed"
  OUTFLOW_FUZZ_SEED=$seed OUTFLOW_FUZZ_REQUESTS=${OUTFLOW_FUZZ_REQUESTS:-3000} npx vitest run --project integration tests/integration/api-fuzz.int.test.ts 2>&1 | tee -a "$log" || status=1
done
echo; echo "━━ security suite ($(date -u +%Y-%m-%d))"
grep -a -o 'Tests .*' "$log" | sed 's/\x1b\[[0-9;]*m//g' | sed 's/^/  /'
grep -a -o 'api fuzz: .*' "$log" | sed 's/^/  /'
rm -f "$log"
exit $status
