#!/usr/bin/env bash
# Generates the Prisma client into packages/db/generated. Prisma's CLI wants to download a native schema engine
# before any command; `generate` does not use it, so point it at any existing file and skip the download.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)} CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
  npx prisma generate
