#!/usr/bin/env bash
# hotpath-resilience against Resilience4j 2.4.0: the JMH success paths of the breaker, bulkhead,
# rate limiter and retry, on 1 and 2 threads, RUNS full runs, reported as median [min-max] per
# benchmark with the ratio taken inside each run (the figures of docs/benchmarks.md).
#
#   bench/resilience-jmh.sh [RUNS]          (default 3; about 5 minutes per run)
#
# Builds hotpath-bench, copies the jar beside the results (so a rebuild cannot swap classes under a
# running fork), and runs 'dev.hotpath.bench.resilience' with -prof gc. Results in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx-fixture.sh # find_java
RUNS="${1:-3}"
JAVA="${JAVA:-$(find_java)}"
OUT="${OUT:-bench/out/resilience-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"
./mvnw -q -B -ntp -pl hotpath-bench -am package -DskipTests
cp hotpath-bench/target/benchmarks.jar "$OUT/benchmarks.jar"
for n in $(seq 1 "$RUNS"); do
  echo "run $n/$RUNS: $(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt" >&2
  "$JAVA" -jar "$OUT/benchmarks.jar" 'dev.hotpath.bench.resilience' -prof gc \
    -rf json -rff "$OUT/run-$n.json" > "$OUT/run-$n.txt"
done
echo "after: $(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt" >&2
python3 bench/resilience-jmh-summary.py "$OUT"/run-*.json
