#!/usr/bin/env bash
# hotpath load vs wrk vs hey: same nginx (Debian's, a small static file on loopback), closed model,
# same connection count, generator pinned to one core and nginx to another. Prints each tool's
# requests/s and hotpath's ratio to wrk and to hey, side by side in one run.
#
#   bench/load-vs-wrk.sh [CONNECTIONS] [SECONDS]       (defaults 64 and 10)
#
# Needs: nginx wrk hey (apt-get install -y nginx wrk hey), a built hotpath-cli/target/hotpath.jar,
# JDK 21+ (found like ./mvnw does, or $JAVA). Cores: GEN_CPU (default 0) and SRV_CPU (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS="${1:-64}"
SECS="${2:-10}"
GEN_CPU="${GEN_CPU:-0}"
SRV_CPU="${SRV_CPU:-1}"
JAVA="${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java 2>/dev/null | head -1)}"
JAR=hotpath-cli/target/hotpath.jar
for t in nginx wrk hey; do
  command -v "$t" >/dev/null || { echo "missing $t: apt-get install -y nginx wrk hey" >&2; exit 2; }
done
# HOTPATH overrides how hotpath is started (e.g. a class-path launcher); JVM flags go in JAVA_OPTS
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1}"
export JAVA_OPTS
if [ -z "${HOTPATH:-}" ]; then
  [ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -q -B -pl hotpath-cli -am package -DskipTests" >&2; exit 2; }
  HOTPATH="$JAVA $JAVA_OPTS -jar $JAR"
fi

DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$DIR/www" "$DIR/tmp"
printf 'hello, hotpath\n' > "$DIR/www/index.html"
cat > "$DIR/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $DIR/tmp; proxy_temp_path $DIR/tmp; fastcgi_temp_path $DIR/tmp;
  uwsgi_temp_path $DIR/tmp; scgi_temp_path $DIR/tmp;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$PORT;
    location / { root $DIR/www; }
  }
}
CONF
taskset -c "$SRV_CPU" nginx -e "$DIR/error.log" -c "$DIR/nginx.conf" -p "$DIR" &
NGINX=$!
trap 'kill $NGINX 2>/dev/null || true; wait $NGINX 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/index.html"

echo "target $URL, $CONNS connections, ${SECS}s each; generator on cpu $GEN_CPU, nginx on cpu $SRV_CPU"
wrk_rps=$(taskset -c "$GEN_CPU" wrk -t1 -c"$CONNS" -d"${SECS}s" "$URL" | awk '/Requests\/sec/ {print $2}')
hey_rps=$(taskset -c "$GEN_CPU" hey -c "$CONNS" -z "${SECS}s" "$URL" | awk '/Requests\/sec/ {print $2}')
taskset -c "$GEN_CPU" $HOTPATH load \
  -c "$CONNS" --io-threads 1 --warmup 3s --duration "${SECS}s" --quiet --out "$DIR/hotpath.json" "$URL" > "$DIR/hotpath.txt"
hp_rps=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["overall"]["rps"],1))' "$DIR/hotpath.json")
hp_err=$(python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["overall"]; print(sum(o["errors"].values()))' "$DIR/hotpath.json")

printf '%-10s %12s\n' tool 'requests/s'
printf '%-10s %12s\n' wrk "$wrk_rps" hey "$hey_rps" hotpath "$hp_rps"
python3 - "$hp_rps" "$wrk_rps" "$hey_rps" <<'PY'
import sys
hp, wrk, hey = map(float, sys.argv[1:])
print(f"hotpath / wrk = {hp / wrk:.2f}x   hotpath / hey = {hp / hey:.2f}x")
PY
echo "hotpath errors: $hp_err"
grep -E "generator|warning" "$DIR/hotpath.txt" || true
