package dev.hotpath.load;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.load.result.ServerTimingStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Results built from a deterministic simulation of an open-model run: arrival k of the plan starts
 * at k / rate, its latency depends only on (seed, k), so a shard's result is exactly the part of the
 * whole run that the shard owns — the ground truth that merging must reproduce.
 */
final class ReportFixtures {
  static final String TARGET = "http://127.0.0.1:8080/";
  static final String[] ENDPOINTS = {"GET /users", "POST /orders"};

  /**
   * @param rate arrivals per second
   * @param seconds plan length
   * @param scale latency multiplier (1.3 = 30% slower)
   * @param seed the latency draws
   */
  record Sim(double rate, int seconds, double scale, long seed) {
    Sim slower(double factor, long newSeed) {
      return new Sim(rate, seconds, scale * factor, newSeed);
    }
  }

  private ReportFixtures() {}

  static LoadResult run(Sim sim) {
    return run(sim, LoadShard.WHOLE);
  }

  /** The result of {@code shard} of the simulated plan (the whole run for {@link LoadShard#WHOLE}). */
  static LoadResult run(Sim sim, LoadShard shard) {
    long total = Math.round(sim.rate() * sim.seconds());
    int n = ENDPOINTS.length;
    List<List<Long>> lat = new ArrayList<>();
    List<List<Long>> svc = new ArrayList<>();
    List<List<Long>> app = new ArrayList<>();
    List<List<Long>> db = new ArrayList<>();
    long[] planned = new long[n];
    long[] ok = new long[n];
    long[] err = new long[n];
    List<Map<Integer, Long>> status = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      lat.add(new ArrayList<>());
      svc.add(new ArrayList<>());
      app.add(new ArrayList<>());
      db.add(new ArrayList<>());
      status.add(new HashMap<>());
    }
    int buckets = sim.seconds() + 5;
    List<List<Long>> ivLat = new ArrayList<>();
    List<List<Long>> ivSvc = new ArrayList<>();
    long[] ivOk = new long[buckets];
    long[] ivErr = new long[buckets];
    for (int i = 0; i < buckets; i++) {
      ivLat.add(new ArrayList<>());
      ivSvc.add(new ArrayList<>());
    }
    for (long j = 0; j < shard.arrivalsOf(total); j++) {
      long k = shard.planIndex(j);
      int e = k % 3 == 0 ? 1 : 0;
      SplittableRandom r = new SplittableRandom(sim.seed() * 0x9E3779B97F4A7C15L + k);
      double base = 20e6 * Math.exp(0.25 * r.nextGaussian()) + (r.nextDouble() < 0.01 ? 150e6 : 0);
      long l = Math.round(base * sim.scale());
      long s = Math.round(l * 0.9);
      long intended = Math.round(k * 1e9 / sim.rate());
      int bucket = (int) ((intended + l) / 1_000_000_000L);
      boolean error = k % 97 == 5;
      planned[e]++;
      lat.get(e).add(l);
      svc.get(e).add(s);
      app.get(e).add(Math.round(s * 0.8));
      db.get(e).add(Math.round(s * 0.5));
      status.get(e).merge(error ? 503 : 200, 1L, Long::sum);
      ivLat.get(bucket).add(l);
      ivSvc.get(bucket).add(s);
      if (error) {
        err[e]++;
        ivErr[bucket]++;
      } else {
        ok[e]++;
        ivOk[bucket]++;
      }
    }
    Duration elapsed = Duration.ofSeconds(sim.seconds());
    List<EndpointStats> eps = new ArrayList<>();
    EndpointStats overall = null;
    for (int e = 0; e < n; e++) {
      EndpointStats es = new EndpointStats(ENDPOINTS[e], elapsed, planned[e], ok[e],
          err[e] == 0 ? Map.of() : Map.of(ErrorKind.HTTP_5XX, err[e]), 0, status.get(e), planned[e] * 100,
          ok[e] * 1000, snap(lat.get(e)), snap(svc.get(e)),
          Map.of("app", new ServerTimingStats(snap(app.get(e))), "db", new ServerTimingStats(snap(db.get(e)))));
      eps.add(es);
      overall = overall == null ? es : overall.merge(es, "overall");
    }
    List<IntervalStats> intervals = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      long done = ivOk[i] + ivErr[i];
      if (done == 0 && i >= sim.seconds()) {
        continue;
      }
      intervals.add(new IntervalStats(Duration.ofSeconds(i), Duration.ofSeconds(1), done, ivOk[i], ivErr[i], 0,
          ivOk[i] * 1000, snap(ivLat.get(i)), snap(ivSvc.get(i)))
          .withErrorsByKind(Map.of(ErrorKind.HTTP_5XX, ivErr[i]))
          .withGenerator(dev.hotpath.load.result.GeneratorSample.builder()
              .scheduleLag(LatencySnapshot.of(40_000 + 1000L * (i % 7), 90_000 + (i == 17 ? 80_000_000L : 0)))
              .inFlight(Math.round(sim.rate() * 0.02 * sim.scale()))
              .openConnections(8)
              .targetRate(i < sim.seconds() ? sim.rate() : 0)
              .build()));
    }
    Map<String, String> labels = new TreeMap<>();
    if (!shard.isWhole()) {
      labels.put(LoadShard.LABEL, shard.label());
    }
    RunInfo run = new RunInfo("hotpath test", Instant.parse("2026-11-29T15:00:00Z"), elapsed, Duration.ofSeconds(2),
        LoadModel.OPEN, TARGET, "rate " + (long) sim.rate() + "/s for " + sim.seconds() + "s", 8, 1, false, labels);
    GeneratorHealth g = new GeneratorHealth(LatencySnapshot.of(50_000, 80_000), 0.2, 1, Duration.ofMillis(5), true,
        List.of());
    return new LoadResult(run, java.util.Objects.requireNonNull(overall), eps, intervals, List.of(), g);
  }

  private static LatencySnapshot snap(List<Long> values) {
    return LatencySnapshot.of(values.stream().mapToLong(Long::longValue).toArray());
  }
}
