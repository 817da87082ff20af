package dev.hotpath.monitor;

import dev.hotpath.metrics.ConfigChecks;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What both request filters share: opens a {@link Scope} per request, records the Micrometer
 * timer {@value #METRIC} (tags {@code method}, {@code uri}, {@code status}, {@code outcome},
 * {@code exception}, as Micrometer's own HTTP server instrumentation names them) and writes one
 * log line for each request slower than the threshold.
 *
 * <p>Thread-safe; one instance serves every request. The {@code uri} tag must be a template
 * ({@code /users/{id}}) or another bounded value, never the raw path, or the registry grows one
 * timer per distinct path; the filters pass templates where the framework knows them and {@code
 * UNKNOWN} otherwise.
 *
 * <pre>{@code
 * RequestTiming timing = RequestTiming.builder(registry).slowThreshold(Duration.ofMillis(300)).build();
 * server.createContext("/", handler).getFilters().add(new TimingHttpFilter(timing));
 * }</pre>
 */
public final class RequestTiming {
  /** The timer's name, as Micrometer and Spring Boot name it. */
  public static final String METRIC = "http.server.requests";

  /** Request attribute an application may set to the matched URI template (Servlet filter). */
  public static final String URI_TEMPLATE_ATTRIBUTE = "dev.hotpath.monitor.uriTemplate";

  private static final System.Logger LOG = System.getLogger("dev.hotpath.monitor.slow");

  private final MeterRegistry registry;
  private final long slowThresholdNanos;
  private final boolean serverTimingHeader;
  private final Ticker ticker;
  private final Consumer<String> slowLog;

  private RequestTiming(Builder b) {
    this.registry = b.registry;
    this.slowThresholdNanos = Durations.toNanosSaturated(b.slowThreshold); // FOREVER: never slow
    this.serverTimingHeader = b.serverTimingHeader;
    this.ticker = b.ticker;
    this.slowLog = b.slowLog;
  }

  /** A builder recording into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Whether the filters write the {@code Server-Timing} response header. */
  public boolean serverTimingHeader() {
    return serverTimingHeader;
  }

  /** The threshold above which a request is logged. */
  public Duration slowThreshold() {
    return Duration.ofNanos(slowThresholdNanos);
  }

  /** Opens the scope for one request; the filter closes it through {@link #finish}. */
  public Scope open(String method, String path) {
    return Scope.open(method + " " + path, ticker);
  }

  /**
   * Ends one request: closes its scope, records the timer and logs it when slow.
   *
   * @param uriTemplate bounded URI tag value ({@code /users/{id}}), or null when unknown
   * @param exception what the handler threw, or null
   */
  public void finish(
      Scope scope,
      String method,
      String path,
      @Nullable String uriTemplate,
      int status,
      @Nullable Throwable exception) {
    scope.close();
    long nanos = scope.elapsedNanos();
    String uri = uriTemplate != null ? uriTemplate : fallbackUri(status);
    Timer.builder(METRIC)
        .tags(
            Tags.of(
                "method", method,
                "uri", uri,
                "status", Integer.toString(status),
                "outcome", Outcome.forStatus(status).name(),
                "exception", exception == null ? "none" : exception.getClass().getSimpleName()))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (nanos >= slowThresholdNanos) {
      slowLog.accept(SlowRequestLine.format(method, path, nanos, scope.measurements()));
    }
  }

  /** Micrometer's values for requests with no known template. */
  static String fallbackUri(int status) {
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    return "UNKNOWN";
  }

  /** Builds a {@link RequestTiming}; defaults: 500 ms threshold, header on, system ticker. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Duration slowThreshold = Duration.ofMillis(500);
    private boolean serverTimingHeader = true;
    private Ticker ticker = Ticker.system();
    private Consumer<String> slowLog = line -> LOG.log(System.Logger.Level.WARNING, line);

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Requests at least this slow are logged; must be positive. */
    public Builder slowThreshold(Duration threshold) {
      this.slowThreshold = Objects.requireNonNull(threshold, "slowThreshold");
      return this;
    }

    /** Whether to write the {@code Server-Timing} header (on by default). */
    public Builder serverTimingHeader(boolean enabled) {
      this.serverTimingHeader = enabled;
      return this;
    }

    /** The clock that times requests. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Where slow-request lines go (default: System.Logger {@code dev.hotpath.monitor.slow}, WARNING). */
    public Builder slowLog(Consumer<String> sink) {
      this.slowLog = Objects.requireNonNull(sink, "slowLog");
      return this;
    }

    /**
     * Validates the settings and builds the timing.
     *
     * @throws IllegalArgumentException naming the setting, the allowed range and the value
     */
    public RequestTiming build() {
      ConfigChecks.require(slowThreshold.isPositive(), "RequestTiming.slowThreshold", "positive", slowThreshold);
      return new RequestTiming(this);
    }
  }
}
