package dev.hotpath.load.result;

import dev.hotpath.load.internal.report.ResultFile;
import dev.hotpath.load.internal.report.ShardSet;
import dev.hotpath.metrics.LatencySnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Merges the results of one run's shards ({@code hotpath load --shard i/N}, e.g. the pods of a
 * Kubernetes Indexed Job) into the result of the whole run ({@code hotpath merge}).
 *
 * <p>Guarantees: counts add up exactly and histograms are added exactly (HdrHistogram addition;
 * percentiles are never averaged), so merging the shards of a run gives the same counts and the same
 * distributions as one process recording everything. Per endpoint and per time-series interval
 * (matched by their offset from the start; shards started together with {@code --start-at} line
 * up) the same holds. Elapsed time is the longest shard's (they ran side by side), so rates add up.
 *
 * <p>Refuses, with a message naming the results and the difference, results that do not belong
 * together: another format version, model, target, schedule, warm-up or set of endpoints, shard
 * counts that differ, shard indexes that overlap (a shard given twice), sharded and unsharded
 * results mixed, or the same unsharded run twice. Results without a shard label (e.g. independent generators on several machines
 * running the same plan) merge as well.
 *
 * <p>The merged result has no threshold verdicts (they were per shard; evaluate the global ones
 * with {@link ResultThresholds}); its generator health is the union (worst of each figure, every
 * warning prefixed by its shard), and a warning when shards are missing or started far apart.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * LoadResult total = ResultMerger.mergeFiles(List.of(Path.of("shard-0.json"), Path.of("shard-1.json")));
 * LoadResultJson.write(ResultThresholds.evaluate(total, List.of("p99<200ms")), Path.of("total.json"));
 * }</pre>
 */
public final class ResultMerger {
  /** Shards whose measured parts began further apart than this get a warning. */
  static final Duration START_SKEW_WARNING = Duration.ofSeconds(1);

  private ResultMerger() {}

  /**
   * Reads and merges result files.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is not a result, or the results do not belong together
   */
  public static LoadResult mergeFiles(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: give at least one result file");
    }
    List<ResultFile> read = new ArrayList<>();
    for (Path p : files) {
      read.add(ResultFile.read(p));
    }
    ResultFile first = read.get(0);
    for (ResultFile f : read) {
      if (f.version() != first.version()) {
        throw new IllegalArgumentException("cannot merge results of different format versions: "
            + first.path() + " is version " + first.version() + ", " + f.path() + " is version " + f.version()
            + "; re-run the shards with the same hotpath");
      }
    }
    List<LoadResult> results = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ResultFile f : read) {
      results.add(f.result());
      names.add(f.path().toString());
    }
    return merge(results, names);
  }

  /**
   * Merges results.
   *
   * @throws IllegalArgumentException if they do not belong together (the message says how)
   */
  public static LoadResult merge(List<LoadResult> results) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      LoadResult r = results.get(i);
      String shard = r.run().labels().get(LoadShard.LABEL);
      names.add("result #" + (i + 1) + (shard == null ? "" : " (shard " + shard + ")"));
    }
    return merge(results, names);
  }

  private static LoadResult merge(List<LoadResult> results, List<String> names) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: give at least one result");
    }
    LoadResult first = results.get(0);
    String firstName = names.get(0);
    List<String> endpointNames = first.endpoints().stream().map(EndpointStats::name).toList();
    for (int i = 1; i < results.size(); i++) {
      RunInfo a = first.run();
      RunInfo b = results.get(i).run();
      String n = names.get(i);
      same("model", a.model(), b.model(), firstName, n);
      same("target", a.target(), b.target(), firstName, n);
      same("schedule", a.schedule(), b.schedule(), firstName, n);
      same("warm-up", a.warmup(), b.warmup(), firstName, n);
      same("pipelining", a.pipelining(), b.pipelining(), firstName, n);
      List<String> eps = results.get(i).endpoints().stream().map(EndpointStats::name).toList();
      if (!eps.equals(endpointNames)) {
        throw new IllegalArgumentException("cannot merge: different scenarios — " + firstName + " has endpoints "
            + endpointNames + ", " + n + " has " + eps);
      }
    }
    ShardSet shards = shards(results, names);
    if (shards == null) {
      for (int i = 0; i < results.size(); i++) {
        for (int j = i + 1; j < results.size(); j++) {
          LoadResult a = results.get(i);
          LoadResult b = results.get(j);
          if (a.run().startedAt().equals(b.run().startedAt()) && a.overall().equals(b.overall())) {
            throw new IllegalArgumentException("cannot merge: " + names.get(i) + " and " + names.get(j)
                + " are the same run (same start, same figures); was a file given twice?");
          }
        }
      }
    }

    EndpointStats overall = first.overall();
    for (int i = 1; i < results.size(); i++) {
      overall = overall.merge(results.get(i).overall(), first.overall().name());
    }
    List<EndpointStats> endpoints = new ArrayList<>();
    for (int e = 0; e < endpointNames.size(); e++) {
      EndpointStats m = first.endpoints().get(e);
      for (int i = 1; i < results.size(); i++) {
        m = m.merge(results.get(i).endpoints().get(e), m.name());
      }
      endpoints.add(m);
    }
    TreeMap<Duration, IntervalStats> intervals = new TreeMap<>();
    for (LoadResult r : results) {
      for (IntervalStats iv : r.intervals()) {
        intervals.merge(iv.start(), iv, IntervalStats::merge);
      }
    }
    return new LoadResult(run(results, shards), overall, endpoints, List.copyOf(intervals.values()), List.of(),
        generator(results, names, shards));
  }

  private static void same(String what, Object a, Object b, String aName, String bName) {
    if (!Objects.equals(a, b)) {
      throw new IllegalArgumentException("cannot merge: different " + what + " — " + aName + " has '" + a
          + "', " + bName + " has '" + b + "'; only shards of one run (same plan) merge");
    }
  }

  private static @org.jspecify.annotations.Nullable ShardSet shards(List<LoadResult> results, List<String> names) {
    List<@org.jspecify.annotations.Nullable ShardSet> sets = new ArrayList<>();
    int sharded = -1;
    int unsharded = -1;
    for (int i = 0; i < results.size(); i++) {
      ShardSet s = ShardSet.of(results.get(i).run().labels(), LoadShard.LABEL, names.get(i));
      sets.add(s);
      if (s == null) {
        unsharded = i;
      } else {
        sharded = i;
      }
    }
    if (sharded >= 0 && unsharded >= 0) {
      throw new IllegalArgumentException("cannot merge sharded and unsharded results: " + names.get(sharded)
          + " is shard " + Objects.requireNonNull(sets.get(sharded)).label() + ", " + names.get(unsharded)
          + " has no shard label");
    }
    if (sharded < 0) {
      return null;
    }
    ShardSet union = null;
    String unionFrom = "";
    for (int i = 0; i < results.size(); i++) {
      ShardSet s = Objects.requireNonNull(sets.get(i));
      if (union == null) {
        union = new ShardSet((BitSet) s.indexes().clone(), s.count());
        unionFrom = names.get(i);
        continue;
      }
      if (s.count() != union.count()) {
        throw new IllegalArgumentException("cannot merge: different shard counts — " + unionFrom + " is one of "
            + union.count() + " shards, " + names.get(i) + " one of " + s.count());
      }
      BitSet overlap = (BitSet) union.indexes().clone();
      overlap.and(s.indexes());
      if (!overlap.isEmpty()) {
        throw new IllegalArgumentException("cannot merge: shard " + overlap.nextSetBit(0) + "/" + s.count()
            + " is in more than one result (" + names.get(i) + " is " + s.label() + ", the others before it cover "
            + union.label() + "); was a shard given twice?");
      }
      union.indexes().or(s.indexes());
    }
    return union;
  }

  private static RunInfo run(List<LoadResult> results, @org.jspecify.annotations.Nullable ShardSet shards) {
    RunInfo f = results.get(0).run();
    Instant started = f.startedAt();
    Duration duration = f.duration();
    int connections = 0;
    boolean interrupted = false;
    Map<String, String> labels = new HashMap<>(f.labels());
    for (LoadResult r : results) {
      RunInfo i = r.run();
      started = i.startedAt().isBefore(started) ? i.startedAt() : started;
      duration = i.duration().compareTo(duration) > 0 ? i.duration() : duration;
      connections += i.connections();
      interrupted |= i.interrupted();
      labels.entrySet().removeIf(e -> !e.getValue().equals(i.labels().get(e.getKey()))); // keep common ones
    }
    if (shards != null) {
      labels.put(LoadShard.LABEL, shards.label());
    }
    labels.put("merged", Integer.toString(results.size()));
    return new RunInfo(f.tool(), started, duration, f.warmup(), f.model(), f.target(), f.schedule(), connections,
        f.pipelining(), interrupted, labels, f.protocol(), f.transport());
  }

  private static GeneratorHealth generator(List<LoadResult> results, List<String> names,
      @org.jspecify.annotations.Nullable ShardSet shards) {
    List<LatencySnapshot> lags = new ArrayList<>();
    double cpu = 0;
    long gcCount = 0;
    Duration gcTime = Duration.ZERO;
    boolean trustworthy = true;
    List<String> warnings = new ArrayList<>();
    Map<String, Instant> starts = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      GeneratorHealth g = results.get(i).generator();
      lags.add(g.scheduleLag());
      cpu = Math.max(cpu, g.cpuUsage());
      gcCount += g.gcCount();
      gcTime = gcTime.plus(g.gcTime());
      trustworthy &= g.trustworthy();
      for (String w : g.warnings()) {
        warnings.add(names.get(i) + ": " + w);
      }
      starts.put(names.get(i), results.get(i).run().startedAt());
    }
    if (shards != null && !shards.complete()) {
      warnings.add("shards " + shards.missing() + " of " + shards.count()
          + " are missing: the merged result holds only part of the plan");
    }
    Instant min = starts.values().stream().min(Instant::compareTo).orElseThrow();
    Instant max = starts.values().stream().max(Instant::compareTo).orElseThrow();
    if (Duration.between(min, max).compareTo(START_SKEW_WARNING) > 0) {
      warnings.add("results began " + dev.hotpath.metrics.Durations.format(Duration.between(min, max).toNanos())
          + " apart: their time series do not line up (start shards together with --start-at)");
    }
    return new GeneratorHealth(LatencySnapshot.merge(lags), cpu, gcCount, gcTime, trustworthy, warnings);
  }
}
