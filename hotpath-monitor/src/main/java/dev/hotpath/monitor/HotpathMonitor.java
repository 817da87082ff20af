package dev.hotpath.monitor;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.monitor.internal.AdminServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The monitor in one line: JVM metrics, the leak detector, the profiler and the admin endpoints
 * ({@code /debug/pprof/...}, {@code /metrics}, {@code /health}) on their own port, plus the
 * request-timing filters to add to your server. Close the handle to stop everything it started.
 *
 * <p>Thread-safe. Metrics go to a Prometheus registry that {@code /metrics} serves and, when given
 * one, to your own registry as well.
 *
 * <pre>{@code
 * try (HotpathMonitor monitor = HotpathMonitor.start(MonitorConfig.fromEnvironment())) {
 *   server.createContext("/", handler).getFilters().add(monitor.httpFilter());
 *   ...
 * }
 * }</pre>
 */
public final class HotpathMonitor implements AutoCloseable {
  private final MonitorConfig config;
  private final PrometheusMeterRegistry prometheus;
  private final MeterRegistry registry;
  private final RequestTiming timing;
  private final Profiler profiler;
  private final @Nullable JvmMonitor jvm;
  private final @Nullable LeakDetector leaks;
  private final @Nullable ScheduledExecutorService scheduler;
  private final @Nullable AdminServer admin;

  private HotpathMonitor(MonitorConfig config, @Nullable MeterRegistry userRegistry) throws IOException {
    this.config = config;
    this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (userRegistry == null) {
      this.registry = prometheus;
    } else {
      CompositeMeterRegistry composite = new CompositeMeterRegistry();
      composite.add(prometheus);
      composite.add(userRegistry);
      this.registry = composite;
    }
    this.timing = RequestTiming.builder(registry).slowThreshold(config.slowRequestThreshold()).build();
    this.profiler =
        Profiler.builder().maxDuration(config.maxProfileDuration()).engine(config.profilerEngine()).build();
    if (config.jvmMetrics()) {
      JvmMonitor m = new JvmMonitor();
      m.bindTo(registry);
      this.jvm = m;
    } else {
      this.jvm = null;
    }
    if (config.leakDetection()) {
      this.scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "hotpath-leak-detector");
                t.setDaemon(true);
                return t;
              });
      LeakDetector d = new LeakDetector(config.leak(), Ticker.system(), scheduler, f -> {});
      d.start();
      this.leaks = d;
    } else {
      this.scheduler = null;
      this.leaks = null;
    }
    AdminServer a = null;
    if (config.adminEnabled()) {
      try {
        a = new AdminServer(config.adminHost(), config.adminPort(), config.bearerToken().orElse(null), profiler, prometheus::scrape);
      } catch (IOException | RuntimeException e) {
        closeParts();
        throw e;
      }
    }
    this.admin = a;
  }

  /** Starts the monitor with {@code config}; metrics go to its own Prometheus registry. */
  public static HotpathMonitor start(MonitorConfig config) {
    return start(config, null);
  }

  /** Starts the monitor; metrics go to its Prometheus registry and to {@code registry} if given. */
  public static HotpathMonitor start(MonitorConfig config, @Nullable MeterRegistry registry) {
    Objects.requireNonNull(config, "config");
    try {
      return new HotpathMonitor(config, registry);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the admin endpoints on " + config.adminHost() + ":" + config.adminPort() + ": " + e.getMessage(), e);
    }
  }

  public MonitorConfig config() {
    return config;
  }

  /** The registry request timings and JVM metrics go to. */
  public MeterRegistry registry() {
    return registry;
  }

  /** What {@code /metrics} serves: every meter in Prometheus text format. */
  public String scrape() {
    return prometheus.scrape();
  }

  public RequestTiming requestTiming() {
    return timing;
  }

  /** A filter for JDK HttpServer contexts. */
  public TimingHttpFilter httpFilter() {
    return new TimingHttpFilter(timing);
  }

  /** A filter for Servlet containers (needs the Servlet API on the class path). */
  public TimingServletFilter servletFilter() {
    return new TimingServletFilter(timing);
  }

  public Profiler profiler() {
    return profiler;
  }

  public @Nullable JvmMonitor jvm() {
    return jvm;
  }

  public @Nullable LeakDetector leakDetector() {
    return leaks;
  }

  /** Where the admin endpoints listen, or null when they are off. */
  public @Nullable InetSocketAddress adminAddress() {
    AdminServer a = admin;
    return a == null ? null : a.address();
  }

  @Override
  public void close() {
    AdminServer a = admin;
    if (a != null) {
      a.close();
    }
    closeParts();
    prometheus.close();
  }

  private void closeParts() {
    if (leaks != null) {
      leaks.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (jvm != null) {
      jvm.close();
    }
  }
}
