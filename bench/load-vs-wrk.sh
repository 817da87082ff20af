#!/usr/bin/env bash
# hotpath load vs wrk on the same nginx (Debian's, a 15-byte file on loopback, one worker pinned to
# SRV_CPU), closed model, same keep-alive connections, the generator pinned to GEN_CPU. Runs ROUNDS
# alternating rounds (wrk, then hotpath on each transport) and reports for every tool:
#   - requests/s over the run,
#   - requests per CPU-second of the WHOLE generator process (user + sys from its rusage, so the
#     JVM's start, JIT and GC count; hotpath runs with no warm-up and counts every request it made),
#   - nginx's CPU per 1000 requests (its worker's utime + stime from /proc, before and after),
# then the median of the rounds with the spread, and hotpath's ratios to wrk.
#
#   bench/load-vs-wrk.sh [CONNECTIONS] [SECONDS] [ROUNDS]        (defaults 50, 20, 3)
#
# Environment:
#   TRANSPORTS="auto epoll io_uring nio"   hotpath transports to run in each round (default: auto;
#                                          "none" passes no --transport, for builds before the flag)
#   PIPELINE=16                            pipelined: wrk with its pipelining Lua script, hotpath --pipelining
#   GEN_CPU=0 SRV_CPU=1                    cores for the generator and for nginx
#   HOTPATH="java ... -jar hotpath.jar"    how to start hotpath (default: the ./hotpath launcher, which
#                                          builds the jar if needed and adds its start-up cache and
#                                          JVM options; JVM flags: JAVA_OPTS, passed as HOTPATH_JAVA_OPTS)
# Needs: nginx wrk (apt-get install -y nginx wrk), python3, a JDK 21+ (found like ./mvnw does).
# Run it on a quiet machine: on a shared one, wall-clock figures measure the neighbours.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx-fixture.sh
CONNS="${1:-50}"
SECS="${2:-20}"
ROUNDS="${3:-3}"
GEN_CPU="${GEN_CPU:-0}"
SRV_CPU="${SRV_CPU:-1}"
TRANSPORTS="${TRANSPORTS:-auto}"
PIPELINE="${PIPELINE:-1}"
command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y nginx wrk" >&2; exit 2; }
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1}"
if [ -z "${HOTPATH:-}" ]; then
  # as a user runs it: the launcher, with its start-up cache and JVM options; run once first, outside
  # the timed runs, so that building a stale jar and preparing the cache (once per build) are not timed
  export HOTPATH_JAVA_OPTS="$JAVA_OPTS"
  ./hotpath --version >/dev/null
  HOTPATH=./hotpath
fi

NGINX_CPU="$SRV_CPU" start_nginx
. bench/measure.sh
nginx_worker
cat > "$DIR/pipeline.lua" <<'LUA'
-- wrk's pipelining example: DEPTH requests written at once, one write per batch
init = function(args)
  local r = {}
  local depth = tonumber(args[1]) or 1
  for i = 1, depth do r[i] = wrk.format() end
  req = table.concat(r)
end
request = function() return req end
LUA

run_wrk() { # ROUND
  local o="$DIR/wrk.$1"
  if [ "$PIPELINE" -gt 1 ]; then
    timed "$o" -- wrk -t1 -c"$CONNS" -d"${SECS}s" -s "$DIR/pipeline.lua" "$URL" -- "$PIPELINE"
  else
    timed "$o" -- wrk -t1 -c"$CONNS" -d"${SECS}s" "$URL"
  fi
  # "N requests in 20.00s, ..." and "Requests/sec: X"
  awk '/requests in/ { n = $1 } /Requests\/sec/ { r = $2 } END { print n, r }' "$o" > "$o.res"
}

run_hotpath() { # ROUND TRANSPORT ("none": no --transport flag, for builds before it existed)
  local o="$DIR/hotpath-$2.$1" transport=""
  [ "$2" = none ] || transport="--transport $2"
  # shellcheck disable=SC2086 # HOTPATH and transport are command-line pieces
  timed "$o" -- $HOTPATH load -c "$CONNS" --io-threads 1 $transport --pipelining "$PIPELINE" \
    --duration "${SECS}s" --quiet --out "$o.json" "$URL"
  hotpath_res "$o.json" > "$o.res"
}

echo "target $URL, $CONNS connections, pipelining $PIPELINE, ${SECS}s per run, $ROUNDS rounds;" \
  "generator on cpu $GEN_CPU, nginx (worker $WORKER) on cpu $SRV_CPU; hotpath transports: $TRANSPORTS"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  run_wrk "$r"
  for t in $TRANSPORTS; do
    run_hotpath "$r" "$t"
  done
done
echo "load average at end:   $(cut -d' ' -f1-3 /proc/loadavg)"

tools="wrk=wrk"
for t in $TRANSPORTS; do tools="$tools hotpath-$t=hotpath-$t"; done
summarise "$ROUNDS" "$tools"
