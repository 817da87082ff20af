#!/usr/bin/env bash
# The L1 hit of TieredCache against raw Caffeine, as paired rounds: each round runs one JMH fork of
# a hotpath contender and one of its Caffeine anchor back to back (order alternating), and the
# ratio is taken within the round. On a shared machine whole forks land in slow and fast phases
# (single forks of one contender differ by up to 2x); pairing keeps both sides of a ratio in the
# same phase, and the median over rounds is the figure, with its min-max spread.
#
# usage: bench/l1-hit-ratio.sh [rounds=8] [threads=1] [pairs=hotpath:caffeineVariable,hotpathFixed:caffeine]
# needs: hotpath-bench/target/benchmarks.jar (./mvnw -pl hotpath-bench -am package -DskipTests), JDK 21+ as $JAVA or java
set -euo pipefail
rounds=${1:-8}
threads=${2:-1}
pairs=${3:-hotpath:caffeineVariable,hotpathFixed:caffeine}
java=${JAVA:-java}
jar="$(dirname "$0")/../hotpath-bench/target/benchmarks.jar"
[[ -f $jar ]] || { echo "no $jar: build it with ./mvnw -pl hotpath-bench -am package -DskipTests" >&2; exit 2; }
[[ $rounds =~ ^[1-9][0-9]*$ && $threads =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [rounds] [threads] [pairs]" >&2; exit 2; }

score() { # contender -> ns/op of one fork
  "$java" -jar "$jar" 'dev.hotpath.bench.cache.L1HitBenchmark' -p contender="$1" -t "$threads" \
    -f 1 -wi 5 -w 1s -i 8 -r 1s 2>/dev/null | awk '/^L1HitBenchmark.l1Hit /{print $(NF-3)}' || true
}

echo "L1 hit ratio, $rounds paired rounds, $threads thread(s), $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg)"
IFS=, read -ra pairlist <<<"$pairs"
for pair in "${pairlist[@]}"; do
  ours=${pair%%:*}
  anchor=${pair##*:}
  ratios=()
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then a=$(score "$ours"); b=$(score "$anchor"); else b=$(score "$anchor"); a=$(score "$ours"); fi
    [[ -n $a && -n $b ]] || { echo "no score for $ours or $anchor (a contender of L1HitBenchmark? run the jar by hand to see JMH's error)" >&2; exit 1; }
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", a/b}')
    ratios+=("$ratio")
    printf '  round %d: %s %.1f ns, %s %.1f ns, ratio %s\n' "$r" "$ours" "$a" "$anchor" "$b" "$ratio"
  done
  printf '%s\n' "${ratios[@]}" | sort -n | awk -v o="$ours" -v c="$anchor" '
    {v[NR]=$1} END{m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2;
    printf "%s / %s: median %.2fx [%.2f-%.2f] over %d rounds\n", o, c, m, v[1], v[NR], NR}'
done
