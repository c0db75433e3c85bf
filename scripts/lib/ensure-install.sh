# Sourced by start.sh and test.sh: installs dependencies when node_modules is missing or older than the lockfile.
# npm puts node_modules/.bin on PATH for every npm script, so once installed, `node` is the pinned Node 24 LTS.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f packages/db/generated/client.ts ] || [ prisma/schema.prisma -nt packages/db/generated/client.ts ]; then
  bash packages/db/scripts/generate.sh
fi
