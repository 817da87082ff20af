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
. bench/nginx-fixture.sh
CONNS="${1:-64}"
SECS="${2:-10}"
GEN_CPU="${GEN_CPU:-0}"
SRV_CPU="${SRV_CPU:-1}"
JAVA="${JAVA:-$(find_java)}"
JAR=hotpath-cli/target/hotpath.jar
for t in wrk hey; do
  command -v "$t" >/dev/null || { echo "missing $t: apt-get install -y nginx wrk hey" >&2; exit 2; }
done
# HOTPATH overrides how hotpath is started (e.g. a class-path launcher); JVM flags go in JAVA_OPTS
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1}"
export JAVA_OPTS
if [ -z "${HOTPATH:-}" ]; then
  [ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -q -B -pl hotpath-cli -am package -DskipTests" >&2; exit 2; }
  HOTPATH="$JAVA $JAVA_OPTS -jar $JAR"
fi

NGINX_CPU="${SRV_CPU:-}" start_nginx

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
grep -E "requests|errors|status|latency|generator|warning" "$DIR/hotpath.txt" || true
