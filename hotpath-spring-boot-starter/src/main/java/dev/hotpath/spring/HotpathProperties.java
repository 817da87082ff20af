package dev.hotpath.spring;

import dev.hotpath.monitor.Profiler;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code hotpath.*} settings of the starter, bound from the application's properties (IDEs
 * complete them from the configuration metadata). Each part is on by default; the values are
 * checked when the part starts, and a bad one stops the application with a message naming the
 * property.
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 *
 * <pre>{@code
 * hotpath.web.slow-threshold=300ms
 * hotpath.db.n-plus-one-threshold=3
 * hotpath.leak.enabled=false
 * }</pre>
 */
@ConfigurationProperties("hotpath")
public class HotpathProperties {
  /** The defaults; Spring binds the properties over them. */
  public HotpathProperties() {}

  private final Web web = new Web();
  private final Db db = new Db();
  private final Jvm jvm = new Jvm();
  private final Leak leak = new Leak();
  private final Profiling profiling = new Profiling();

  /** Request timing. */
  public Web getWeb() {
    return web;
  }

  /** The query inspector on every DataSource. */
  public Db getDb() {
    return db;
  }

  /** JVM metrics. */
  public Jvm getJvm() {
    return jvm;
  }

  /** The leak detector. */
  public Leak getLeak() {
    return leak;
  }

  /** The pprof Actuator endpoint's profiler. */
  public Profiling getProfiling() {
    return profiling;
  }

  /** {@code hotpath.web.*}: the request-timing filter. */
  public static class Web {
    /** The defaults; Spring binds the properties over them. */
    public Web() {}

    /** Whether to time every request with a hotpath Scope, the Server-Timing header and the slow-request log. */
    private boolean enabled = true;

    /** Whether responses carry the W3C Server-Timing header (app, db, cache time); it shows clients where time went. */
    private boolean serverTiming = true;

    /** Requests at least this slow are logged in one line with their breakdown (logger dev.hotpath.monitor.slow). */
    private Duration slowThreshold = Duration.ofMillis(500);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isServerTiming() {
      return serverTiming;
    }

    public void setServerTiming(boolean serverTiming) {
      this.serverTiming = serverTiming;
    }

    public Duration getSlowThreshold() {
      return slowThreshold;
    }

    public void setSlowThreshold(Duration slowThreshold) {
      this.slowThreshold = slowThreshold;
    }
  }

  /** {@code hotpath.db.*}: the query inspector. */
  public static class Db {
    /** The defaults; Spring binds the properties over them. */
    public Db() {}

    /** Whether every DataSource bean is wrapped by the query inspector (digest, slow-query log, N+1 per request). */
    private boolean enabled = true;

    /** Statements at least this slow are logged with their time, redacted parameters and call site; 0 logs all. */
    private Duration slowQueryThreshold = Duration.ofMillis(200);

    /** Executions of one SELECT fingerprint within one request that are reported as N+1 (2 to 1000000). */
    private int nPlusOneThreshold = 5;

    /** Throw NPlusOneException from the statement that completes an N+1 (for tests), instead of only logging it. */
    private boolean strictNPlusOne;

    /** How bound parameters appear in the slow-query log: TYPES (default), NONE (values as bound) or ALL (hidden). */
    private String parameterRedaction = "TYPES"; // a String: hotpath-db is optional, its enum may be absent

    /** Distinct fingerprints kept in the digest (1 to 1000000); later ones are counted together. */
    private int maxFingerprints = 10_000;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getSlowQueryThreshold() {
      return slowQueryThreshold;
    }

    public void setSlowQueryThreshold(Duration slowQueryThreshold) {
      this.slowQueryThreshold = slowQueryThreshold;
    }

    public int getNPlusOneThreshold() {
      return nPlusOneThreshold;
    }

    public void setNPlusOneThreshold(int nPlusOneThreshold) {
      this.nPlusOneThreshold = nPlusOneThreshold;
    }

    public boolean isStrictNPlusOne() {
      return strictNPlusOne;
    }

    public void setStrictNPlusOne(boolean strictNPlusOne) {
      this.strictNPlusOne = strictNPlusOne;
    }

    public String getParameterRedaction() {
      return parameterRedaction;
    }

    public void setParameterRedaction(String parameterRedaction) {
      this.parameterRedaction = parameterRedaction;
    }

    public int getMaxFingerprints() {
      return maxFingerprints;
    }

    public void setMaxFingerprints(int maxFingerprints) {
      this.maxFingerprints = maxFingerprints;
    }
  }

  /** {@code hotpath.jvm.*}: JVM metrics on the application's MeterRegistry. */
  public static class Jvm {
    /** The defaults; Spring binds the properties over them. */
    public Jvm() {}

    /** Whether to bind hotpath's JVM metrics: disk and network bytes and deadlocked threads beside Spring Boot's own JVM metrics (all of Micrometer's JVM binders when Spring Boot binds none). */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code hotpath.leak.*}: the leak detector. */
  public static class Leak {
    /** The defaults; Spring binds the properties over them. */
    public Leak() {}

    /** Whether to watch the old generation's floor after GC for steady growth and report the classes that grew. */
    private boolean enabled = true;

    /** How far back the growth trend is fitted. */
    private Duration window = Duration.ofMinutes(15);

    /** Growth below this many bytes per minute is not reported. */
    private long minBytesPerMinute = 1_048_576;

    /** Whether a finding takes two class histograms (GC.class_histogram, no forced full GC) to name what grew. */
    private boolean histograms = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public long getMinBytesPerMinute() {
      return minBytesPerMinute;
    }

    public void setMinBytesPerMinute(long minBytesPerMinute) {
      this.minBytesPerMinute = minBytesPerMinute;
    }

    public boolean isHistograms() {
      return histograms;
    }

    public void setHistograms(boolean histograms) {
      this.histograms = histograms;
    }
  }

  /** {@code hotpath.profiling.*}: the profiler behind /actuator/pprof. */
  public static class Profiling {
    /** The defaults; Spring binds the properties over them. */
    public Profiling() {}

    /** Longest profile one request may ask for (1s to 1h). */
    private Duration maxDuration = Duration.ofMinutes(5);

    /** AUTO (async-profiler where it loads, else JFR), ASYNC_PROFILER or JFR. */
    private Profiler.Engine engine = Profiler.Engine.AUTO;

    /**
     * Serve /actuator/pprof although Spring Security is absent and the management address is not
     * loopback. Profiles and thread dumps reveal code and data: leave false unless something in
     * front of the application authenticates.
     */
    private boolean allowUnsecured;

    public Duration getMaxDuration() {
      return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
      this.maxDuration = maxDuration;
    }

    public Profiler.Engine getEngine() {
      return engine;
    }

    public void setEngine(Profiler.Engine engine) {
      this.engine = engine;
    }

    public boolean isAllowUnsecured() {
      return allowUnsecured;
    }

    public void setAllowUnsecured(boolean allowUnsecured) {
      this.allowUnsecured = allowUnsecured;
    }
  }
}
