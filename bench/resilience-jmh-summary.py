#!/usr/bin/env python3
"""Summarises runs of the resilience JMH benchmarks (JSON from -rf json) as a Markdown table.

Per guard and thread count: the median ns/op of each contender over the runs with [min-max],
the speed-up hotpath vs Resilience4j (R4j ns / hotpath ns, taken within each run, then the
median [min-max] of those per-run ratios) and the allocation per call from -prof gc.

    python3 bench/resilience-jmh-summary.py run-1.json run-2.json run-3.json
"""
import json
import statistics
import sys
from collections import defaultdict


def load(paths):
    # (guard, threads, contender) -> list of (run index, ns/op, B/op)
    cells = defaultdict(list)
    for run, path in enumerate(paths):
        with open(path) as f:
            for entry in json.load(f):
                cls, method = entry["benchmark"].split(".")[-2:]
                guard = cls.removesuffix("Benchmark")
                threads = entry["threads"]
                contender = entry["params"]["contender"]
                score = entry["primaryMetric"]["score"]
                alloc = entry["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
                cells[(guard, threads, contender)].append((run, score, alloc))
    return cells


def spread(values):
    return f"{statistics.median(values):.1f} [{min(values):.1f}–{max(values):.1f}]"


def main(paths):
    cells = load(paths)
    rows = sorted({(g, t) for g, t, _ in cells})
    print(f"{len(paths)} runs; ns/op as median [min–max] over the runs; speed-up = R4j ns / hotpath ns per run")
    print()
    print("| guard | threads | direct ns/op | hotpath ns/op | Resilience4j ns/op | speed-up | B/op hotpath / R4j |")
    print("|---|---|---|---|---|---|---|")
    for guard, threads in rows:
        direct = [s for _, s, _ in cells[(guard, threads, "direct")]]
        ours = {r: (s, a) for r, s, a in cells[(guard, threads, "hotpath")]}
        theirs = {r: (s, a) for r, s, a in cells[(guard, threads, "resilience4j")]}
        ratios = [theirs[r][0] / ours[r][0] for r in ours if r in theirs]
        alloc_ours = statistics.median(a for _, a in ours.values() if a is not None)
        alloc_theirs = statistics.median(a for _, a in theirs.values() if a is not None)
        print(f"| {guard} | {threads} | {spread(direct) if direct else '-'} "
              f"| {spread([s for s, _ in ours.values()])} | {spread([s for s, _ in theirs.values()])} "
              f"| **{statistics.median(ratios):.2f}×** [{min(ratios):.2f}–{max(ratios):.2f}] "
              f"| {alloc_ours:.3g} / {alloc_theirs:.3g} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: resilience-jmh-summary.py RUN.json... (JMH -rf json output)")
    main(sys.argv[1:])
