# supervise NAME COMMAND...: runs COMMAND, and runs it again whenever it exits (after 1 s, doubling up to 30 s while
# it keeps dying within a minute of starting), until this shell gets TERM or INT, which it passes on to COMMAND.
# npm start supervises the web app and the worker separately, so a crash of one never stops the other.
supervise() {
  local name=$1
  shift
  local child=0 stopping=0 delay=1 started rc
  trap 'stopping=1; if [ "$child" -gt 0 ]; then kill -TERM "$child" 2>/dev/null; fi' TERM INT
  while [ "$stopping" = 0 ]; do
    started=$SECONDS
    "$@" &
    child=$!
    wait "$child"
    rc=$?
    if [ "$stopping" = 1 ]; then
      wait "$child" 2>/dev/null
      break
    fi
    child=0
    if [ $((SECONDS - started)) -ge 60 ]; then
      delay=1
    fi
    echo "› $name exited with status $rc; starting it again in ${delay}s (the other processes keep running)" >&2
    sleep "$delay" &
    child=$!
    wait "$child" 2>/dev/null
    child=0
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
  done
}
