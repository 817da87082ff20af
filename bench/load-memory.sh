#!/usr/bin/env bash
# Flat memory: a long steady-rate open-model run must end with no more live heap than it had after
# its first 30 s (plus a small margin). Live heap = heap used right after a forced full GC (jcmd).
#
#   bench/load-memory.sh [RATE] [SECONDS]      (defaults 2000 req/s and 300 s)
#
# Needs nginx (apt-get install -y nginx), a built hotpath-cli/target/hotpath.jar and a JDK 21+ with jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx-fixture.sh
RATE="${1:-2000}"
SECS="${2:-300}"
JDK="${JDK:-$(dirname "$(dirname "$(find_java)")")}"
JAR=hotpath-cli/target/hotpath.jar
NGINX_CPU="${SRV_CPU:-}" start_nginx

# HOTPATH overrides how hotpath is started (e.g. a class-path launcher); JVM flags go in JAVA_OPTS
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
export JAVA_OPTS
HOTPATH="${HOTPATH:-$JDK/bin/java $JAVA_OPTS -jar $JAR}"
$HOTPATH load --rate "$RATE" --duration "${SECS}s" -c 32 --plain \
  --out "$DIR/result.json" "$URL" > "$DIR/summary.txt" 2> "$DIR/progress.txt" &
LAUNCHED=$!
sleep 2
# the JVM's pid (the launcher may be a shell that exec'ed it, or a child of it)
GEN=$(pgrep -f "load --rate $RATE --duration ${SECS}s" | head -1)

live_heap() { # KiB used after a full GC
  "$DIR_JCMD" "$GEN" GC.run >/dev/null
  "$DIR_JCMD" "$GEN" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); gsub(/[^0-9]/, "", v); print v; exit } }'
}
DIR_JCMD="$JDK/bin/jcmd"
sleep 30
at30=$(live_heap)
sleep $((SECS - 40))
atEnd=$(live_heap)
wait $LAUNCHED || true
echo "steady $RATE req/s for ${SECS}s"
echo "live heap after 30s:            ${at30} KiB"
echo "live heap after $((SECS - 10))s:           ${atEnd} KiB"
python3 - "$at30" "$atEnd" <<'PY'
import sys
a, b = int(sys.argv[1]), int(sys.argv[2])
margin = 2048  # KiB: the compressed per-interval series (~1-2 KiB per second of run) and noise
print(f"growth {b - a} KiB ({(b - a) / a * 100:.1f}%); {'FLAT' if b <= a + margin else 'GREW'} (margin {margin} KiB)")
PY
grep -E "requests|latency|generator|warning" "$DIR/summary.txt" | head -8
