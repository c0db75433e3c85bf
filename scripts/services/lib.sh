# Shared settings and helpers for scripts/services/*.sh (source it, don't run it).
# shellcheck disable=SC2034 # the settings are used by the scripts that source this file

set -euo pipefail

SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPTS_DIR/../.." && pwd)
SERVICES_DIR=${OUTFLOW_SERVICES_DIR:-$REPO_ROOT/.services}
mkdir -p "$SERVICES_DIR"
SERVICES_DIR=$(cd "$SERVICES_DIR" && pwd) # absolute: it ends up in config files
DIST_DIR=$SERVICES_DIR/dist               # fetched artifacts, shared by all instances

KAFKA_VERSION=4.1.1
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
ES_VERSION=8.19.21
ES_PORT=${ES_PORT:-9200}
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-9300}
POSTGRES_PORT=5432
REDIS_PORT=6379

# Java 17+ from JAVA_HOME, else whatever `java` is on PATH.
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA=$JAVA_HOME/bin/java
else
  JAVA=$(command -v java || true)
fi

# One status line per service, e.g. "kafka          up     127.0.0.1:9092  pid 123".
report() { printf '%-14s %-6s %s\n' "$1" "$2" "${3:-}"; }
# Progress messages go to stderr so that stdout stays one line per service.
note() { echo "[$1] $2" >&2; }
die() { echo "error: $*" >&2; exit 1; }

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# pid_alive <pidfile>: the JVM recorded in the pid file is still running (not a reused pid).
pid_alive() {
  local pid
  [ -s "$1" ] && pid=$(cat "$1") && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q java
}

# log_tail <file>...: the last lines of each existing log, for error messages.
log_tail() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n "${LOG_TAIL_LINES:-40}" "$f" >&2
  done
}

# stop_pidfile <name> <pidfile> [timeout s]: SIGTERM, wait, then SIGKILL.
stop_pidfile() {
  local name=$1 pidfile=$2 timeout=${3:-60} pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    report "$name" - "nothing to stop (no live process in ${pidfile#"$REPO_ROOT"/})"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for ((i = 0; i < timeout * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    note "$name" "still running after ${timeout}s, killing pid $pid"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  report "$name" down "(stopped pid $pid)"
}

# with_fetch_lock <cmd>...: serialise downloads (concurrent runs share ~/.m2 and dist/).
with_fetch_lock() {
  (
    flock 9
    "$@"
  ) 9>"$SERVICES_DIR/.fetch.lock"
}

# mvn_quiet <log> <args>...: run Maven, keep its output in a log, show it on failure.
mvn_quiet() {
  local log=$1
  shift
  if ! mvn -B -q -Dstyle.color=never "$@" >"$log" 2>&1; then
    log_tail "$log"
    return 1
  fi
}

now_ms() { date +%s%3N; }
# elapsed <start ms>: "12.3s"
elapsed() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
}
# timed_out <start ms> <seconds>
timed_out() { [ $(($(now_ms) - $1)) -ge $(($2 * 1000)) ]; }
