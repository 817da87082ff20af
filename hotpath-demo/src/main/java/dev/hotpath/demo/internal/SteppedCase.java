package dev.hotpath.demo.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.demo.DemoConfig;
import dev.hotpath.demo.DemoException;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures a {@link SteppedService}: seed, verify that the first and last modes answer alike, then
 * per step start the service in a child JVM, warm it up, measure the closed model (maximum
 * requests per second), reset the service's counters, run the open model at one fixed offered rate,
 * read the counters and stop the child.
 *
 * <p>The offered rate is {@link Phases#calibration()} of the first measured step's maximum (the
 * naive mode's, normally): a rate it can just sustain, so its latency shows queueing honestly and
 * every later step is judged at the same arrival rate. {@code --rate} fixes it instead.
 */
final class SteppedCase implements CaseStudy {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // the closed model measures capacity: with 16 clients queued on a mode that answers 4 req/s each waits
  // ~4 s, and a machine busy with other work must not turn that wait into errors
  private static final Duration CLOSED_TIMEOUT = Duration.ofSeconds(30);
  private static final double MAX_ERROR_RATE = 0.05;
  private static final long MIN_CLOSED_ANSWERS = 10;
  // seeding aside, a service that needs longer to listen is broken
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final SteppedService service;

  SteppedCase(SteppedService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return service.name();
  }

  @Override
  public String title() {
    return service.title();
  }

  @Override
  public List<String> stepNames() {
    return service.steps().stream().map(SteppedService.Step::name).toList();
  }

  @Override
  public Outcome run(Context ctx) {
    PrintWriter out = ctx.out();
    DemoConfig config = ctx.config();
    String tag = "[" + name() + "]";
    Backends.Database db = ctx.backends().database(name());
    out.println(tag + " database: " + db.description());
    out.println(tag + " cache: " + ctx.backends().cacheDescription());
    long t0 = System.nanoTime();
    Map<String, Long> sizes;
    try {
      sizes = service.seed(db, config, out);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(tag + " seeding failed: " + e.getMessage(), e);
    }
    out.printf(Locale.ROOT, "%s data (seed %d, scale %s): %s (ready in %.1f s)%n", tag, config.seed(),
        Fmt.num(config.scale()), sizes(sizes), (System.nanoTime() - t0) / 1e9);

    try {
      verify(ctx, db);
    } catch (ChildJvm.ChildFailedException | IllegalStateException | UncheckedIOException e) {
      // not a mismatch: the service could not be started or did not answer; nothing to measure
      String why = "verify: " + e.getMessage();
      out.println(tag + " FAILED " + why);
      StepReport empty = new StepReport(service, List.of(), 0, "", ctx, db, sizes);
      return new Outcome(name(), title(), List.of(why), empty.consoleTable(), empty.html(Map.of()),
          empty.json(List.of(why)), "");
    }

    List<SteppedService.Step> steps = service.steps().stream().filter(s -> ctx.steps().contains(s.name())).toList();
    List<SteppedService.Request> mix = service.loadMix(config);
    double rate = config.rate();
    String rateHow = rate > 0 ? "fixed by --rate" : "";
    List<StepFigures> figures = new ArrayList<>();
    Map<String, LoadResult> opens = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    String css = "";
    for (int i = 0; i < steps.size(); i++) {
      SteppedService.Step step = steps.get(i);
      out.printf(Locale.ROOT, "%s step %d/%d %s: %s%n", tag, i + 1, steps.size(), step.label(), step.fix());
      long stepStart = System.nanoTime();
      try (ChildJvm child = ChildJvm.start(name() + "-" + step.name(), service.mainClass(),
          service.args(step, db, ctx.backends().redis(), config, config.port()), service.heap(), ctx.dir(),
          START_TIMEOUT)) {
        out.printf(Locale.ROOT, "%s %s listening on port %d (started in %.1f s)%n", tag, step.label(), child.port(),
            (System.nanoTime() - stepStart) / 1e9);
        ServiceClient client = new ServiceClient(child.port());
        Scenario scenario = scenario(child.port(), mix);
        Phases ph = ctx.phases();
        LoadResult closed = run(LoadConfig.builder(scenario)
            .connections(ph.closedConnections())
            .warmup(ph.warmup())
            .duration(ph.warmup().plus(ph.closed()))
            .timeout(CLOSED_TIMEOUT)
            .labels(labels(step, "closed"))
            .build(), progress(out, tag + " " + step.label() + " closed"));
        // a mode slower than the window (naive on a busy machine) answers too few requests to count:
        // measure again, already warm, three times as long
        long answered = closed.overall().successes() + closed.overall().errorCount();
        if (answered < MIN_CLOSED_ANSWERS) {
          Duration longer = ph.closed().multipliedBy(3);
          out.printf(Locale.ROOT, "%s %s answered %d requests in the closed window; measuring %d s instead%n", tag,
              step.label(), answered, longer.toSeconds());
          closed = run(LoadConfig.builder(scenario)
              .connections(ph.closedConnections())
              .duration(longer)
              .timeout(CLOSED_TIMEOUT)
              .labels(labels(step, "closed"))
              .build(), progress(out, tag + " " + step.label() + " closed"));
        }
        check(child);
        if (rate <= 0) {
          rate = calibrated(closed.overall().successRps(), ph.calibration());
          rateHow = Fmt.percent(ph.calibration()) + " of " + step.label() + "'s maximum ("
              + Fmt.rate(closed.overall().successRps()) + " req/s)";
          out.printf(Locale.ROOT, "%s offered rate for every step: %s req/s (%s)%n", tag, Fmt.rate(rate), rateHow);
        }
        client.resetStats();
        LoadResult open = run(LoadConfig.builder(scenario)
            .schedule(RateSchedule.constant(rate, ph.open()))
            .connections(ph.openConnections())
            .timeout(TIMEOUT)
            .labels(labels(step, "open"))
            .build(), progress(out, tag + " " + step.label() + " open"));
        check(child);
        ServiceClient.Stats stats = client.stats();
        StepFigures f = StepFigures.of(step, rate, open, closed, stats);
        LoadResultJson.write(open, ctx.dir().resolve(step.name() + ".open.json"));
        LoadResultJson.write(closed, ctx.dir().resolve(step.name() + ".closed.json"));
        java.nio.file.Files.writeString(ctx.dir().resolve(step.name() + ".stats.json"), stats.raw(), StandardCharsets.UTF_8);
        figures.add(f);
        opens.put(step.name(), open);
        out.printf(Locale.ROOT,
            "%s %s: p99 %s at %s req/s, max %s req/s, %s queries/req, cache hits %s, %s/response (step took %.0f s)%n",
            tag, step.label(), Fmt.nanos(f.p99()), Fmt.rate(rate), Fmt.rate(f.maxRps()), Fmt.num(f.queriesPerRequest()),
            Fmt.percent(f.cacheHitRatio()), Fmt.bytes(f.bytesPerRequest()), (System.nanoTime() - stepStart) / 1e9);
        String problem = problem(open, closed);
        if (!problem.isEmpty()) {
          failures.add(step.label() + ": " + problem);
          out.println(tag + " " + step.label() + " FAILED: " + problem);
        }
      } catch (ChildJvm.ChildFailedException | IllegalStateException | UncheckedIOException e) {
        failures.add(step.label() + ": " + e.getMessage());
        out.println(tag + " " + step.label() + " FAILED: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write into " + ctx.dir() + ": " + e.getMessage(), e);
      }
    }
    StepReport report = new StepReport(service, figures, rate, rateHow, ctx, db, sizes);
    String table = report.consoleTable();
    String html = report.html(opens);
    if (!opens.isEmpty()) {
      css = ReportPages.style(HtmlReport.render(opens.values().iterator().next()));
    }
    ObjectNode summary = report.json(failures);
    return new Outcome(name(), title(), failures, table, html, summary, css);
  }

  /** A problem that makes a step count as failed, or empty. */
  static String problem(LoadResult open, LoadResult closed) {
    List<String> p = new ArrayList<>();
    for (LoadResult r : List.of(open, closed)) {
      var o = r.overall();
      long done = o.successes() + o.errorCount();
      if (done == 0) {
        p.add(r.run().model().name().toLowerCase(Locale.ROOT) + " model: no response at all");
      } else if ((double) o.errorCount() / done > MAX_ERROR_RATE) {
        p.add(r.run().model().name().toLowerCase(Locale.ROOT) + " model: " + Fmt.percent((double) o.errorCount() / done)
            + " errors " + o.errors());
      }
    }
    return String.join("; ", p);
  }

  private static void check(ChildJvm child) {
    if (!child.isAlive()) {
      throw new IllegalStateException(child.name() + " died during the run" + ChildJvm.tail(child.log()));
    }
  }

  /** {@code fraction} of {@code maxRps}, rounded to two significant digits, at least 1. */
  static double calibrated(double maxRps, double fraction) {
    double r = maxRps * fraction;
    if (r < 1) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(r)) - 1);
    return Math.max(1, Math.round(r / mag) * mag);
  }

  private Map<String, String> labels(SteppedService.Step step, String model) {
    return Map.of("case", name(), "step", step.name(), "model", model);
  }

  private static LoadResult run(LoadConfig config, ProgressListener listener) {
    return new LoadRunner(config).run(listener);
  }

  /** One line per interval: a running demo shows it is alive and how each mode behaves. */
  static ProgressListener progress(PrintWriter out, String what) {
    return (interval, elapsed, total, warmingUp) -> out.printf(Locale.ROOT, "  %s %s %2d/%ds %7s req/s  p99 %9s  errors %d%n",
        what, warmingUp ? "(warm-up)" : "", elapsed.toSeconds(), total.toSeconds(), Fmt.rate(interval.rps()),
        Fmt.nanos(interval.latency().p99()), interval.errors());
  }

  /**
   * The load mix as a scenario: one request spec per endpoint and method, weighted by its share of
   * the mix, whose path and body are its columns of a CSV held in memory (request {@code k} takes row
   * {@code k % rows}), so the run cycles through the service's requests without per-request work in
   * the generator.
   */
  static Scenario scenario(int port, List<SteppedService.Request> mix) {
    Map<String, List<SteppedService.Request>> groups = new LinkedHashMap<>();
    for (SteppedService.Request r : mix) {
      groups.computeIfAbsent(r.endpoint() + "\u0000" + r.method(), k -> new ArrayList<>()).add(r);
    }
    boolean oneMethodEach = groups.keySet().stream().map(k -> k.substring(0, k.indexOf('\u0000'))).distinct().count()
        == groups.size();
    List<RequestSpec> specs = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    int rows = groups.values().stream().mapToInt(List::size).max().orElse(1);
    int i = 0;
    for (List<SteppedService.Request> g : groups.values()) {
      SteppedService.Request first = g.get(0);
      String name = oneMethodEach || first.endpoint().startsWith(first.method() + " ") ? first.endpoint()
          : first.endpoint() + " " + first.method();
      int weight = (int) Math.max(1, Math.min(1000, Math.round(1000.0 * g.size() / mix.size())));
      boolean hasBody = g.stream().anyMatch(r -> !r.body().isEmpty());
      columns.add("p" + i);
      columns.add("b" + i);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept-Encoding", "gzip");
      if (hasBody) {
        headers.put("Content-Type", "application/json");
      }
      specs.add(new RequestSpec(name, first.method(), "http://127.0.0.1:" + port + "/${csv:p" + i + "}", headers,
          hasBody ? "${csv:b" + i + "}" : "", weight, Set.of()));
      i++;
    }
    List<List<String>> csv = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<String> row = new ArrayList<>();
      for (List<SteppedService.Request> g : groups.values()) {
        SteppedService.Request q = g.get(r % g.size());
        row.add(q.path().substring(1));
        row.add(q.body());
      }
      csv.add(row);
    }
    return Scenario.of(specs, columns, csv, "hotpath demo");
  }

  /**
   * Sends every verify request to the first and the last mode (a GET twice to the last, so a cached
   * answer is checked too) and compares status and body after decompression.
   *
   * @throws DemoException ({@link DemoException#VERIFY_MISMATCH}) naming the endpoint and path
   */
  private void verify(Context ctx, Backends.Database db) {
    List<SteppedService.Step> all = service.steps();
    SteppedService.Step first = all.get(0);
    SteppedService.Step last = all.get(all.size() - 1);
    String tag = "[" + name() + "]";
    ctx.out().println(tag + " verify: every endpoint answers alike in " + first.label() + " and " + last.label());
    long t0 = System.nanoTime();
    // one after the other: a mode changes the shared database as it starts (naive drops the secondary
    // indexes, the optimized mode creates them), so started together the optimized one answered in 25 s
    // instead of milliseconds whenever naive's drop came last; started last, its state is the one that holds
    try (ChildJvm a = ChildJvm.start(name() + "-verify-" + first.name(), service.mainClass(),
            service.args(first, db, ctx.backends().redis(), ctx.config(), 0), service.heap(), ctx.dir(), START_TIMEOUT);
        ChildJvm b = ChildJvm.start(name() + "-verify-" + last.name(), service.mainClass(),
            service.args(last, db, ctx.backends().redis(), ctx.config(), 0), service.heap(), ctx.dir(), START_TIMEOUT)) {
      ServiceClient ca = new ServiceClient(a.port());
      ServiceClient cb = new ServiceClient(b.port());
      // two requests at a time (the naive mode takes long per request and the database has the machine's
      // cores to itself at best); problems reported in list order
      List<SteppedService.Request> requests = service.verifyRequests(ctx.config());
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      List<java.util.concurrent.Future<String>> diffs = new ArrayList<>();
      try {
        for (SteppedService.Request q : requests) {
          diffs.add(pool.submit(() -> verifyOne(q, ca, cb)));
        }
        for (int i = 0; i < requests.size(); i++) {
          String diff = futureValue(diffs.get(i));
          SteppedService.Request q = requests.get(i);
          if (!diff.isEmpty()) {
            throw new DemoException(DemoException.VERIFY_MISMATCH, "verify failed: endpoint " + q.endpoint() + " ("
                + q.method() + " " + q.path() + ") answers differently in " + first.label() + " and " + last.label()
                + diff);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      int n = requests.size();
      ctx.out().printf(Locale.ROOT, "%s verify: %d requests answered identically (%.1f s)%n", tag, n,
          (System.nanoTime() - t0) / 1e9);
    } catch (ChildJvm.ChildFailedException e) {
      throw new IllegalStateException("could not start the service: " + e.getMessage(), e);
    }
  }

  /** How the two modes' answers to {@code q} differ (": ..."), or empty; a GET twice to the second mode (its cache). */
  private static String verifyOne(SteppedService.Request q, ServiceClient a, ServiceClient b) {
    ServiceClient.Response ra = a.send(q, true);
    for (int attempt = 0; attempt < (q.method().equals("GET") ? 2 : 1); attempt++) {
      String diff = difference(ra, b.send(q, true));
      if (!diff.isEmpty()) {
        return (attempt == 1 ? " (second request, from the cache)" : "") + ": " + diff;
      }
    }
    return "";
  }

  private static String futureValue(java.util.concurrent.Future<String> f) {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** How two responses differ, or empty when status and body are the same. */
  static String difference(ServiceClient.Response a, ServiceClient.Response b) {
    if (a.status() != b.status()) {
      return "status " + a.status() + " vs " + b.status();
    }
    byte[] x = a.body();
    byte[] y = b.body();
    int i = java.util.Arrays.mismatch(x, y);
    if (i < 0) {
      return "";
    }
    return "bodies differ at byte " + i + " (" + x.length + " vs " + y.length + " bytes): '" + around(x, i) + "' vs '"
        + around(y, i) + "'";
  }

  private static String around(byte[] b, int i) {
    int from = Math.max(0, i - 20);
    int to = Math.min(b.length, i + 40);
    return new String(b, from, Math.max(0, to - from), StandardCharsets.UTF_8).replace('\n', ' ');
  }

  static String sizes(Map<String, Long> sizes) {
    List<String> parts = new ArrayList<>();
    sizes.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d %s", v, k)));
    return String.join(", ", parts);
  }
}
