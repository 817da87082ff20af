#!/usr/bin/env bash
# hotpath load --http2 vs h2load (nghttp2) on the same nginx (Debian's, one worker pinned to
# SRV_CPU, a 15-byte file), h2c with prior knowledge and h2 over TLS, closed model, same connections
# and streams per connection, the generator pinned to GEN_CPU. ROUNDS alternating rounds; for each
# tool: requests/s, requests per CPU-second of the whole process (start-up included; hotpath runs
# with no warm-up) and nginx's CPU per 1000 requests; medians with the spread and ratios to h2load.
#
#   bench/load-h2-vs-h2load.sh [CONNECTIONS] [STREAMS] [SECONDS] [ROUNDS]     (defaults 4, 100, 20, 3)
#
# Needs: nginx with http2 and h2load (apt-get install -y nginx nghttp2-client), openssl, python3, a
# built hotpath-cli/target/hotpath.jar, a JDK 21+. GEN_CPU/SRV_CPU (0/1), HOTPATH and JAVA_OPTS as
# in bench/load-vs-wrk.sh. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx-fixture.sh
CONNS="${1:-4}"
STREAMS="${2:-100}"
SECS="${3:-20}"
ROUNDS="${4:-3}"
GEN_CPU="${GEN_CPU:-0}"
SRV_CPU="${SRV_CPU:-1}"
JAVA="${JAVA:-$(find_java)}"
JAR=hotpath-cli/target/hotpath.jar
command -v h2load >/dev/null || { echo "missing h2load: apt-get install -y nghttp2-client" >&2; exit 2; }
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1}"
if [ -z "${HOTPATH:-}" ]; then
  [ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -q -B -pl hotpath-cli -am package -DskipTests" >&2; exit 2; }
  HOTPATH="$JAVA $JAVA_OPTS -jar $JAR"
fi

NGINX_H2=1 NGINX_CPU="$SRV_CPU" start_nginx
. bench/measure.sh
nginx_worker

run_h2load() { # ROUND NAME URL
  local o="$DIR/h2load-$2.$1"
  timed "$o" -- h2load -t1 -c"$CONNS" -m"$STREAMS" -D"$SECS" "$3"
  # "finished in 20.00s, 12345.67 req/s, ..." and "requests: N total, N started, N done, N succeeded, ..."
  awk '/^finished in/ { r = $4 } /^requests:/ { n = $8; failed = $10 } END { print n, r, "failed", failed }' "$o" > "$o.res"
}

run_hotpath() { # ROUND NAME URL
  local o="$DIR/hotpath-$2.$1"
  # shellcheck disable=SC2086 # HOTPATH is a command line
  timed "$o" -- $HOTPATH load --http2 -k -c "$CONNS" --max-streams "$STREAMS" --io-threads 1 \
    --duration "${SECS}s" --quiet --out "$o.json" "$3"
  hotpath_res "$o.json" > "$o.res"
}

echo "h2c $H2C_URL and h2 $H2_URL; $CONNS connections x $STREAMS streams, ${SECS}s per run, $ROUNDS rounds;" \
  "generator on cpu $GEN_CPU, nginx (worker $WORKER) on cpu $SRV_CPU"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  run_h2load "$r" h2c "$H2C_URL"
  run_hotpath "$r" h2c "$H2C_URL"
  run_h2load "$r" h2 "$H2_URL"
  run_hotpath "$r" h2 "$H2_URL"
done
echo "load average at end:   $(cut -d' ' -f1-3 /proc/loadavg)"
echo; echo "h2c (cleartext, prior knowledge)"
summarise "$ROUNDS" "h2load-h2c=h2load-h2c hotpath-h2c=hotpath-h2c"
echo; echo "h2 (TLS, ALPN)"
summarise "$ROUNDS" "h2load-h2=h2load-h2 hotpath-h2=hotpath-h2"
