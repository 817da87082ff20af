# Sourced by the load benchmarks after bench/nginx-fixture.sh's start_nginx: runs a generator pinned
# to GEN_CPU and measures the whole process's CPU (user + sys from its rusage: start-up, JIT and GC
# included) and nginx's worker CPU meanwhile; then summarises rounds against a baseline tool.

# The nginx worker whose CPU is measured (NGINX_PID is the master, from start_nginx).
nginx_worker() {
  WORKER=$(pgrep -P "$NGINX_PID" | head -1)
  [ -n "$WORKER" ] || { echo "cannot find nginx's worker process" >&2; exit 3; }
}

nginx_ticks() { awk '{ print $14 + $15 }' "/proc/$WORKER/stat"; }

# timed OUT -- COMMAND...: runs the command pinned to GEN_CPU; OUT gets its output, OUT.cpu
# "wall_s cpu_s" of the process it started, OUT.srv nginx's CPU seconds meanwhile.
timed() {
  local out=$1; shift; shift
  local before after
  before=$(nginx_ticks)
  python3 - "$out" "$GEN_CPU" "$@" <<'PY'
import resource, subprocess, sys, time
out, cpu, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
t0 = time.monotonic()
with open(out, "w") as f:
    subprocess.run(["taskset", "-c", cpu] + cmd, stdout=f, stderr=subprocess.STDOUT, check=False)
wall = time.monotonic() - t0
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(out + ".cpu", "w").write(f"{wall:.3f} {r.ru_utime + r.ru_stime:.3f}\n")
PY
  after=$(nginx_ticks)
  echo "$(( after - before ))" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f\n", $1 / hz }' > "$out.srv"
}

# hotpath_res JSON: "requests req/s errors transport protocol" from a hotpath result file.
hotpath_res() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
o = r["overall"]
errors = sum(o["errors"].values())
print(o["successes"] + errors, round(o["rps"], 1), errors, r["run"].get("transport", "?"), r["run"].get("protocol", "?"))
PY
}

# summarise ROUNDS "name=prefix ..." : per-round table, medians with spread, ratios to the first tool.
# Reads DIR/PREFIX.ROUND.res ("requests req/s [notes...]"), .cpu and .srv.
summarise() {
  python3 - "$DIR" "$1" "$2" <<'PY'
import statistics, sys
d, rounds, spec = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
tools = [tuple(s.split("=", 1)) for s in spec]
def row(prefix, r):
    res = open(f"{d}/{prefix}.{r}.res").read().split()
    wall, cpu = map(float, open(f"{d}/{prefix}.{r}.cpu").read().split())
    srv = float(open(f"{d}/{prefix}.{r}.srv").read())
    n, rps = int(float(res[0])), float(res[1])
    return {"n": n, "rps": rps, "wall": wall, "cpu": cpu, "per_cpu": n / cpu if cpu else 0,
            "srv_per_k": 1e6 * srv / n if n else 0, "notes": " ".join(res[2:])}
print(f"\n{'round':<6}{'tool':<20}{'requests':>10}{'req/s':>11}{'proc CPU s':>11}{'wall s':>8}{'req/CPU-s':>11}{'nginx ms/1k':>12}  notes")
data = {name: [] for name, _ in tools}
for r in range(1, rounds + 1):
    for name, prefix in tools:
        x = row(prefix, r)
        data[name].append(x)
        print(f"{r:<6}{name:<20}{x['n']:>10}{x['rps']:>11.0f}{x['cpu']:>11.2f}{x['wall']:>8.1f}{x['per_cpu']:>11.0f}{x['srv_per_k']:>12.2f}  {x['notes']}")
def med(name, k):
    v = [x[k] for x in data[name]]
    return statistics.median(v), min(v), max(v)
print(f"\nmedian of {rounds} rounds [min-max]")
for name, _ in tools:
    m, lo, hi = med(name, "rps"); c, clo, chi = med(name, "per_cpu"); s, slo, shi = med(name, "srv_per_k")
    print(f"  {name:<18} req/s {m:>9.0f} [{lo:.0f}-{hi:.0f}]   req/CPU-s {c:>9.0f} [{clo:.0f}-{chi:.0f}]   nginx {s:.2f} ms/1k req [{slo:.2f}-{shi:.2f}]")
base = tools[0][0]
for name, _ in tools[1:]:
    ratios = [h["rps"] / w["rps"] for h, w in zip(data[name], data[base]) if w["rps"]]
    cpu_ratios = [h["per_cpu"] / w["per_cpu"] for h, w in zip(data[name], data[base]) if w["per_cpu"]]
    if ratios and cpu_ratios:
        print(f"  {name} / {base}: req/s {statistics.median(ratios):.2f}x [{min(ratios):.2f}-{max(ratios):.2f}],"
              f" req per CPU-second {statistics.median(cpu_ratios):.2f}x [{min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}]"
              " (per round, then the median)")
PY
}
