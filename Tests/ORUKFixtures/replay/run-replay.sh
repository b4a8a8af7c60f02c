#!/usr/bin/env bash
# The validator's endpoint checks against a static feed on 127.0.0.1, in one bounded process tree:
# the server closes every descriptor it inherited (so no other test's pipe is held open by it) and
# is killed on exit, whatever happens.  Usage: run-replay.sh PYTHON FEED_DIR PORT
set -u
py="$1"; feed="$2"; port="$3"
here="$(cd "$(dirname "$0")" && pwd)"
(
  for fd in /proc/$BASHPID/fd/*; do
    n="${fd##*/}"; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-" 2>/dev/null
  done
  exec "$py" "$here/static_feed_server.py" "$feed" "$port" --cors
) </dev/null >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT
i=0
until "$py" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=2)" 2>/dev/null; do
  i=$((i + 1)); [ "$i" -gt 100 ] && { echo "the static server did not start on 127.0.0.1:$port"; exit 3; }
  sleep 0.1
done
"$py" "$here/orukcheck.py" "http://127.0.0.1:$port"
