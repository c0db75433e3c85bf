# Sourced by start.sh and test.sh: installs dependencies when node_modules is missing or older than the lockfile.
# npm puts node_modules/.bin on PATH for every npm script, so once installed, `node` is the pinned Node 24 LTS.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies"
  # `npm install`, not `npm ci`: the registry we can reach lacks some other platforms' optional binaries
  # (e.g. @biomejs/cli-darwin-arm64), which npm ci counts as a lockfile mismatch; npm install just skips them.
  npm install --no-audit --no-fund
fi
if [ ! -f packages/db/generated/client.ts ] || [ prisma/schema.prisma -nt packages/db/generated/client.ts ]; then
  bash packages/db/scripts/generate.sh
fi
