#!/usr/bin/env bash
# Print the health of each service, one line each; exit non-zero if any is not healthy.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rc=0
for svc in postgres redis kafka elasticsearch schema-registry; do
  "$SCRIPTS_DIR/$svc.sh" status || rc=1
done
exit $rc
