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
ES_VERSION=${ES_VERSION:-8.19.21}
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

# grant_traverse <path>...: lets other users pass through (o+x, not read) the folders above each path that we own
# and that refuse it, e.g. a clone in `mktemp -d` (mode 700), so a service run as its own user reaches its files.
grant_traverse() {
  local p dir
  for p in "$@"; do
    dir=$(dirname "$p")
    while [ "$dir" != / ]; do
      if [ -O "$dir" ] && [ "$(($(stat -c %#a "$dir") & 1))" = 0 ]; then
        chmod o+x "$dir" && note services "made $dir passable (o+x) for the services' own users"
      fi
      dir=$(dirname "$dir")
    done
  done
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

# --- For the scripts of services they start themselves (kafka.sh, elasticsearch.sh). Each defines healthy, fetch,
# start, wait_healthy and report_up (one "up" status line, given a note) before calling these.

# report_started_by_us <name> <addr> <pidfile> <detail> <note>: the "up" line, with the pid when these scripts started
# the process. <detail> goes after the address (with its own trailing spaces).
report_started_by_us() {
  local name=$1 addr=$2 pidfile=$3 detail=$4 note=$5
  if pid_alive "$pidfile"; then
    report "$name" up "$addr  pid $(cat "$pidfile")  $detail$note"
  else
    report "$name" up "$addr  $detail(not started by these scripts)"
  fi
}

# report_status <name> <addr> <port> <pidfile> <why a live process is sick> <who does not answer on the port>:
# one status line; fails unless healthy.
report_status() {
  local name=$1 addr=$2 port=$3 pidfile=$4 sick=$5 nobody=$6
  if healthy; then
    report_up ""
  elif pid_alive "$pidfile"; then
    report "$name" sick "$addr  pid $(cat "$pidfile") runs but $sick"
    return 1
  elif port_open 127.0.0.1 "$port"; then
    report "$name" sick "port $port is open but $nobody answers there"
    return 1
  else
    report "$name" down
    return 1
  fi
}

# bring_up <name> <instance dir> <pidfile> <health needs fetch: yes|no> <what a starting process is not yet>:
# under the instance's lock (a concurrent `up` waits, then finds the service healthy), start the service unless it
# is healthy or already starting, wait until it is healthy and report it. When the health check needs the fetched
# files, fetch first; otherwise fetch only when a start is due (a service not started by these scripts needs none).
bring_up() {
  local name=$1 instance=$2 pidfile=$3 health_needs_fetch=$4 not_yet=$5 t0
  mkdir -p "$instance"
  (
    flock 9
    [ "$health_needs_fetch" = yes ] && with_fetch_lock fetch
    if healthy; then report_up "(already running)" && exit 0; fi
    [ "$health_needs_fetch" = yes ] || with_fetch_lock fetch # no-op once fetched
    t0=$(now_ms)
    if pid_alive "$pidfile"; then
      note "$name" "pid $(cat "$pidfile") is running but $not_yet, waiting for it"
    else
      start
    fi
    wait_healthy "$t0"
    report_up "(started in $(elapsed "$t0"))"
  ) 9>"$instance/.lock"
}

# reset_instance <name> <instance dir>: stop the service and wipe its instance (data, logs, config).
reset_instance() {
  stop
  rm -rf "$2"
  note "$1" "wiped $2"
}

# service_command <usage header lines, e.g. 2,7> <command>: the commands kafka.sh and elasticsearch.sh share; any
# other prints the usage from the script's header comment and exits 2.
service_command() {
  local usage=$1
  case "${2:-}" in
    up | start) up ;;
    fetch) with_fetch_lock fetch ;;
    stop) stop ;;
    status) status ;;
    reset) reset ;;
    *)
      sed -n "${usage}p" "$0" | sed 's/^# \{0,1\}//' >&2
      exit 2
      ;;
  esac
}

# --- For the scripts of machine services (postgres.sh, redis.sh), which define healthy and up.

# machine_status <name> <addr> [note]: one status line; fails when down.
machine_status() {
  if healthy; then report "$1" up "$2  ${3:-}"; else report "$1" down "$2" && return 1; fi
}

# await_machine_service <name> <addr> <start ms> <timeout s> <poll s> <failure> [log]: wait until healthy, then
# report it; after the timeout, show the log and die with "<name>: <failure> after <timeout>s".
await_machine_service() {
  local name=$1 addr=$2 t0=$3 timeout=$4 poll=$5 failure=$6 log=${7:-}
  until healthy; do
    if timed_out "$t0" "$timeout"; then
      [ -z "$log" ] || log_tail "$log"
      die "$name: $failure after ${timeout}s"
    fi
    sleep "$poll"
  done
  machine_status "$name" "$addr" "(started in $(elapsed "$t0"))"
}

# machine_service_main <command>: the up|status command line of a machine service script.
machine_service_main() {
  case "${1:-}" in
    up | start) up ;;
    status) status ;;
    *) echo "usage: $0 up|status" >&2 && exit 2 ;;
  esac
}
