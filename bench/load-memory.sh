#!/usr/bin/env bash
# Flat memory: a long steady-rate open-model run must end with no more live heap than it had after
# its first 30 s (plus a small margin). Live heap = heap used right after a forced full GC (jcmd).
#
#   bench/load-memory.sh [RATE] [SECONDS]      (defaults 2000 req/s and 300 s)
#
# Needs nginx (apt-get install -y nginx), a built hotpath-cli/target/hotpath.jar and a JDK 21+ with jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${1:-2000}"
SECS="${2:-300}"
JDK="${JDK:-$(dirname "$(dirname "$(ls -d /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java 2>/dev/null | head -1)")")}"
JAR=hotpath-cli/target/hotpath.jar
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
  server { listen 127.0.0.1:$PORT; location / { root $DIR/www; } }
}
CONF
nginx -e "$DIR/error.log" -c "$DIR/nginx.conf" -p "$DIR" &
NGINX=$!
trap 'kill $NGINX 2>/dev/null || true; wait $NGINX 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done

"$JDK/bin/java" -Xmx512m -jar "$JAR" load --rate "$RATE" --duration "${SECS}s" -c 32 --plain \
  --out "$DIR/result.json" "http://127.0.0.1:$PORT/index.html" > "$DIR/summary.txt" 2> "$DIR/progress.txt" &
GEN=$!

live_heap() { # KiB used after a full GC
  "$DIR_JCMD" "$GEN" GC.run >/dev/null
  "$DIR_JCMD" "$GEN" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); gsub(/[^0-9]/, "", v); print v; exit } }'
}
DIR_JCMD="$JDK/bin/jcmd"
sleep 30
at30=$(live_heap)
sleep $((SECS - 40))
atEnd=$(live_heap)
wait $GEN || true
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
