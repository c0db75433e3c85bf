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
SCHEMA_REGISTRY_PORT=${SCHEMA_REGISTRY_PORT:-8081}

# Java 17+ from JAVA_HOME, else whatever `java` is on PATH.
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA=$JAVA_HOME/bin/java
else
  JAVA=$(command -v java || true)
fi

# One status line per service, e.g. "kafka          up     127.0.0.1:9092  pid 123".
report() { printf '%-15s %-6s %s\n' "$1" "$2" "${3:-}"; }
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

# --- Starting a JVM service and waiting for it (kafka.sh, kafka-secured.sh, elasticsearch.sh, elasticsearch-secured.sh)

# launch_detached <pidfile> <output log> <cmd>...: runs the command in its own session (it outlives this shell and its
# terminal), its pid in <pidfile>, without the instance lock (9>&-).
launch_detached() {
  local pidfile=$1 log=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >"$log" 2>&1 9>&- &
}

# await_healthy <name> <pidfile> <start ms> <timeout s> <logs dir> <log>...: polls `healthy` every 0.5 s; when the
# process recorded in <pidfile> exits, or after the timeout, shows the logs' last lines and dies.
await_healthy() {
  local name=$1 pidfile=$2 t0=$3 timeout=$4 logs=$5
  shift 5
  until healthy; do
    if [ -s "$pidfile" ] && ! pid_alive "$pidfile"; then
      log_tail "$@"
      die "$name: the process exited during startup (logs: $logs)"
    fi
    if timed_out "$t0" "$timeout"; then
      log_tail "$@"
      die "$name: not healthy after ${timeout}s (pid $(cat "$pidfile" 2>/dev/null), logs: $logs)"
    fi
    sleep 0.5
  done
}

# The settings both local brokers share: their data folder ($1), topics created on use, and a single node's one
# replica of every internal topic.
kafka_single_node_properties() {
  cat <<EOF
log.dirs=$1
num.partitions=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

# --- A test CA for the services served over TLS (kafka-secured.sh, elasticsearch-secured.sh)

# make_test_tls <dir> <leaf name> <store password> <log>: once (kept across restarts), in <dir>: a self-signed CA
# (ca.pem, ca.key); <leaf>.key and <leaf>.pem, a server certificate for localhost and 127.0.0.1 signed by the CA;
# <leaf>.p12, both in a PKCS12 keystore; and untrusted-ca.pem, a second CA that signed nothing (a client that trusts
# only it must refuse the server). Needs openssl.
make_test_tls() {
  local dir=$1 leaf=$2 pass=$3 log=$4
  [ -f "$dir/.complete" ] && return 0
  command -v openssl >/dev/null || die "openssl is needed to make the test CA in $dir"
  rm -rf "$dir"
  mkdir -p "$dir" "$(dirname "$log")"
  self_signed_ca "$dir" ca "$log" && self_signed_ca "$dir" untrusted-ca "$log" &&
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/$leaf.key" -out "$dir/$leaf.csr" 2>>"$log" &&
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$dir/$leaf.ext" &&
    openssl x509 -req -in "$dir/$leaf.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
      -extfile "$dir/$leaf.ext" -out "$dir/$leaf.pem" 2>>"$log" &&
    openssl pkcs12 -export -in "$dir/$leaf.pem" -inkey "$dir/$leaf.key" -certfile "$dir/ca.pem" -name "$leaf" \
      -passout "pass:$pass" -out "$dir/$leaf.p12" 2>>"$log" ||
    { log_tail "$log"; die "making the test CA and the $leaf certificate in $dir failed"; }
  touch "$dir/.complete"
}

# self_signed_ca <dir> <name> <log>: <name>.key and <name>.pem.
self_signed_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Outflow test $2" \
    -keyout "$1/$2.key" -out "$1/$2.pem" 2>>"$3"
}

# print_test_ca <dir> <ca|untrusted-ca> <the command that makes it>: that CA's PEM.
print_test_ca() {
  [ -f "$1/.complete" ] || die "no test CA in $1 yet, run: $3"
  cat "$1/$2.pem"
}

# --- For the Elasticsearch scripts (elasticsearch.sh, elasticsearch-secured.sh), which set INSTANCE, CONF, DATA, LOGS
# and PIDFILE first. Both run the distribution that elasticsearch.sh fetches.

ES_HOME=$DIST_DIR/elasticsearch-$ES_VERSION
ES_USER=${ES_USER:-outflow-es}
if [ -z "${ES_JAVA_HOME:-}" ] && [ -n "$JAVA" ]; then
  ES_JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")")
fi
ES_AS=() # runs a command as ES_USER once es_take_instance set it (as root)

# es_configure <heap>: the instance's folders and the distribution's config (jvm.options, log4j2.properties, ...),
# keeping what the node adds there (its keystore), and the heap (always set: otherwise ES sizes it from the
# machine's RAM). The script writes its elasticsearch.yml after.
es_configure() {
  mkdir -p "$CONF/jvm.options.d" "$DATA" "$LOGS" "$INSTANCE/tmp"
  cp -r "$ES_HOME/config/." "$CONF/"
  # 7.x's jvm.options write gc.log, hs_err and heap dumps under the distribution (logs/, data): the instance's instead
  sed -i -e "s#=logs/#=$LOGS/#g" -e "s#:logs/#:$LOGS/#g" -e "s#HeapDumpPath=data\$#HeapDumpPath=$DATA#" "$CONF/jvm.options"
  printf -- '-Xms%s\n-Xmx%s\n' "$1" "$1" >"$CONF/jvm.options.d/heap.options"
}

# es_take_instance <name>: Elasticsearch refuses to run as root: as root, ES_USER (a system user, made if missing)
# gets the instance, and es_run runs as that user.
es_take_instance() {
  [ "$(id -u)" = 0 ] || return 0
  id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  chown -R "$ES_USER:" "$INSTANCE"
  grant_traverse "$INSTANCE" "$ES_HOME"
  ES_AS=(setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups)
  "${ES_AS[@]}" test -w "$DATA" -a -x "$ES_HOME/bin/elasticsearch" ||
    die "$1: user $ES_USER cannot reach $INSTANCE and $ES_HOME (every parent folder needs o+x); set OUTFLOW_SERVICES_DIR elsewhere"
}

# es_run <cmd>...: a command as the node's user, in the node's environment (JDK, config, tmp) and nothing else.
es_run() {
  "${ES_AS[@]}" env -i PATH=/usr/bin:/bin HOME="$INSTANCE" ES_JAVA_HOME="$ES_JAVA_HOME" ES_PATH_CONF="$CONF" \
    ES_TMPDIR="$INSTANCE/tmp" "$@"
}

# es_launch <name> <node log> <timeout s>: starts the node. The launcher (-d) daemonizes it and returns once it has
# started (or failed); setsid: its own session, so the node outlives this shell and its terminal; 9>&- : not the lock.
es_launch() {
  [ -x "$ES_JAVA_HOME/bin/java" ] || die "$1: no JDK at '$ES_JAVA_HOME'; set ES_JAVA_HOME (JDK 17+)"
  rm -f "$PIDFILE"
  if ! es_run setsid --wait timeout "$3" "$ES_HOME/bin/elasticsearch" -d -p "$PIDFILE" \
    </dev/null >"$LOGS/launcher.log" 2>&1 9>&-; then
    log_tail "$LOGS/launcher.log" "$2"
    die "$1: failed to start (logs: $LOGS)"
  fi
}

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
