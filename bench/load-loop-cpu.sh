#!/usr/bin/env bash
# The event loop's CPU per request in the steady state, per transport, beside wrk's whole-process CPU
# per request: start-up and JIT left out, so the per-request cost is seen alone (bench/load-vs-wrk.sh
# gives the whole-process figure). hotpath runs SECONDS (default 40) with --plain progress; the
# loop thread's utime + stime (/proc/PID/task/TID/stat) is read at 20 s and 35 s and divided by the
# requests the progress lines report for that window.
#
#   bench/load-loop-cpu.sh [CONNECTIONS] [TRANSPORTS]          (defaults 50 and "epoll io_uring nio")
#
# Needs nginx, wrk, python3 and a JDK 21+; GEN_CPU/SRV_CPU as
# in bench/load-vs-wrk.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx-fixture.sh
CONNS="${1:-50}"
TRANSPORTS="${2:-epoll io_uring nio}"
GEN_CPU="${GEN_CPU:-0}"
SRV_CPU="${SRV_CPU:-1}"
# the launcher, as a user runs it (start-up cache, JVM options); once first so that a build is not measured
export HOTPATH_JAVA_OPTS="-XX:+UseParallelGC -Xms256m -Xmx256m -XX:ActiveProcessorCount=1"
./hotpath --version >/dev/null
NGINX_CPU="$SRV_CPU" start_nginx

loop_ticks() { # PID: CPU ticks of the threads named hotpath-load*
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm")" in hotpath-load*) awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$t/stat" ;; esac
  done | awk '{ s += $1 } END { print s + 0 }'
}

for T in $TRANSPORTS; do
  taskset -c "$GEN_CPU" ./hotpath load \
    -c "$CONNS" --io-threads 1 --transport "$T" --duration 40s --plain "$URL" > "$DIR/$T.txt" 2> "$DIR/$T.progress" &
  GEN=$!
  sleep 20; a=$(loop_ticks "$GEN")
  sleep 15; b=$(loop_ticks "$GEN")
  wait "$GEN"
  python3 - "$T" "$a" "$b" "$(getconf CLK_TCK)" "$DIR/$T.progress" <<'PY'
import re, sys
t, a, b, hz, progress = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
text = open(progress).read().replace("\r", "\n")
n = sum(float(m.group(2)) for m in re.finditer(r"\[\s*(\d+)s/\S+\]\s+([\d.]+) req/s", text) if 21 <= int(m.group(1)) <= 35)
cpu = (b - a) / hz
print(f"hotpath {t:<9} event loop {cpu:.2f} CPU-s for {n:.0f} requests: {1e6 * cpu / n:.1f} us/request" if n else f"{t}: no progress")
PY
done
out=$(taskset -c "$GEN_CPU" /usr/bin/time -f "%U %S" wrk -t1 -c"$CONNS" -d20s "$URL" 2>&1)
echo "$out" | python3 -c '
import re, sys
s = sys.stdin.read()
n = int(re.search(r"(\d+) requests in", s).group(1)); u, sy = map(float, s.strip().split("\n")[-1].split())
print(f"wrk (whole process, 20 s)  {u + sy:.2f} CPU-s for {n} requests: {1e6 * (u + sy) / n:.1f} us/request")'
