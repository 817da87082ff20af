package dev.hotpath.monitor;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link HotpathMonitor}. Immutable, validated once in {@link Builder#build()}: a bad
 * value fails with the setting, the allowed range and the value; binding the admin port off
 * loopback without a bearer token fails (the endpoints hand out heap dumps). Thread-safe; {@link
 * #toString()} never shows the token.
 *
 * <p>Every setting can come from a system property or an environment variable (the property
 * wins), read by {@link #fromEnvironment()}:
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>builder</th><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>adminEnabled</td><td>hotpath.monitor.admin.enabled</td><td>HOTPATH_MONITOR_ADMIN_ENABLED</td><td>true</td></tr>
 *   <tr><td>adminHost</td><td>hotpath.monitor.admin.host</td><td>HOTPATH_MONITOR_ADMIN_HOST</td><td>127.0.0.1</td></tr>
 *   <tr><td>adminPort</td><td>hotpath.monitor.admin.port</td><td>HOTPATH_MONITOR_ADMIN_PORT</td><td>9091 (0: any free port)</td></tr>
 *   <tr><td>bearerToken</td><td>hotpath.monitor.token</td><td>HOTPATH_MONITOR_TOKEN</td><td>none</td></tr>
 *   <tr><td>slowRequestThreshold</td><td>hotpath.monitor.slow.ms</td><td>HOTPATH_MONITOR_SLOW_MS</td><td>500 ms</td></tr>
 *   <tr><td>maxProfileDuration</td><td>hotpath.monitor.profile.max.seconds</td><td>HOTPATH_MONITOR_PROFILE_MAX_SECONDS</td><td>300 s</td></tr>
 *   <tr><td>jvmMetrics</td><td>hotpath.monitor.jvm</td><td>HOTPATH_MONITOR_JVM</td><td>true</td></tr>
 *   <tr><td>leakDetection</td><td>hotpath.monitor.leak</td><td>HOTPATH_MONITOR_LEAK</td><td>true</td></tr>
 * </table>
 *
 * <pre>{@code
 * MonitorConfig cfg = MonitorConfig.builder().adminPort(9091).slowRequestThreshold(Duration.ofMillis(300)).build();
 * }</pre>
 */
public final class MonitorConfig {
  private static final MonitorConfig DEFAULTS = builder().build();

  private final boolean adminEnabled;
  private final String adminHost;
  private final int adminPort;
  private final @Nullable String bearerToken;
  private final Duration slowRequestThreshold;
  private final Duration maxProfileDuration;
  private final Profiler.Engine profilerEngine;
  private final boolean jvmMetrics;
  private final boolean leakDetection;
  private final LeakDetectorConfig leak;

  private MonitorConfig(Builder b) {
    this.adminEnabled = b.adminEnabled;
    this.adminHost = b.adminHost;
    this.adminPort = b.adminPort;
    this.bearerToken = b.bearerToken;
    this.slowRequestThreshold = b.slowRequestThreshold;
    this.maxProfileDuration = b.maxProfileDuration;
    this.profilerEngine = b.profilerEngine;
    this.jvmMetrics = b.jvmMetrics;
    this.leakDetection = b.leakDetection;
    this.leak = b.leak;
  }

  /** Admin endpoints on 127.0.0.1:9091 without a token, 500 ms slow threshold, 5 min profile cap, AUTO profiler engine, JVM metrics and leak detection on. */
  public static MonitorConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(MonitorConfig base) {
    return new Builder(base);
  }

  /** Whether to serve the admin endpoints at all (default true). */
  public boolean adminEnabled() {
    return adminEnabled;
  }

  /** Address the admin endpoints bind to (default 127.0.0.1); off loopback needs a bearer token. */
  public String adminHost() {
    return adminHost;
  }

  /** Admin port, 0 to 65535 (0 picks a free port); default 9091. */
  public int adminPort() {
    return adminPort;
  }

  /** Bearer token that profiles and dumps require, at least 16 characters; empty for none (then the endpoints must bind loopback). */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(bearerToken);
  }

  /** Requests at least this slow are logged in one line; positive (default 500 ms). */
  public Duration slowRequestThreshold() {
    return slowRequestThreshold;
  }

  /** Longest profile the endpoints run: 1 s to 1 h (default 5 min). */
  public Duration maxProfileDuration() {
    return maxProfileDuration;
  }

  /** Profiler engine (default AUTO: async-profiler where it loads, else JFR). */
  public Profiler.Engine profilerEngine() {
    return profilerEngine;
  }

  /** Bind JVM metrics (default true). */
  public boolean jvmMetrics() {
    return jvmMetrics;
  }

  /** Run the leak detector (default true). */
  public boolean leakDetection() {
    return leakDetection;
  }

  /** Leak detector settings. */
  public LeakDetectorConfig leak() {
    return leak;
  }

  /** The defaults overridden by environment variables, then by system properties. */
  public static MonitorConfig fromEnvironment() {
    return builder().apply(System.getenv(), System.getProperties()).build();
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("MonitorConfig.adminHost must resolve, was '" + host + "'", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof MonitorConfig o)) {
      return false;
    }
    return adminEnabled == o.adminEnabled
        && Objects.equals(adminHost, o.adminHost)
        && adminPort == o.adminPort
        && Objects.equals(bearerToken, o.bearerToken)
        && Objects.equals(slowRequestThreshold, o.slowRequestThreshold)
        && Objects.equals(maxProfileDuration, o.maxProfileDuration)
        && Objects.equals(profilerEngine, o.profilerEngine)
        && jvmMetrics == o.jvmMetrics
        && leakDetection == o.leakDetection
        && Objects.equals(leak, o.leak);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        adminEnabled,
        adminHost,
        adminPort,
        bearerToken,
        slowRequestThreshold,
        maxProfileDuration,
        profilerEngine,
        jvmMetrics,
        leakDetection,
        leak);
  }

  @Override
  public String toString() {
    return "MonitorConfig{"
        + "adminEnabled=" + adminEnabled
        + ", adminHost=" + adminHost
        + ", adminPort=" + adminPort
        + ", bearerToken=" + (bearerToken == null ? "none" : "<set>")
        + ", slowRequestThreshold=" + slowRequestThreshold
        + ", maxProfileDuration=" + maxProfileDuration
        + ", profilerEngine=" + profilerEngine
        + ", jvmMetrics=" + jvmMetrics
        + ", leakDetection=" + leakDetection
        + ", leak=" + leak
        + "}";
  }

  /** Builds a {@link MonitorConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private boolean adminEnabled = true;
    private String adminHost = "127.0.0.1";
    private int adminPort = 9091;
    private @Nullable String bearerToken;
    private Duration slowRequestThreshold = Duration.ofMillis(500);
    private Duration maxProfileDuration = Duration.ofMinutes(5);
    private Profiler.Engine profilerEngine = Profiler.Engine.AUTO;
    private boolean jvmMetrics = true;
    private boolean leakDetection = true;
    private LeakDetectorConfig leak = LeakDetectorConfig.ofDefaults();

    private Builder() {}

    private Builder(MonitorConfig base) {
      this.adminEnabled = base.adminEnabled;
      this.adminHost = base.adminHost;
      this.adminPort = base.adminPort;
      this.bearerToken = base.bearerToken;
      this.slowRequestThreshold = base.slowRequestThreshold;
      this.maxProfileDuration = base.maxProfileDuration;
      this.profilerEngine = base.profilerEngine;
      this.jvmMetrics = base.jvmMetrics;
      this.leakDetection = base.leakDetection;
      this.leak = base.leak;
    }

    /** See {@link MonitorConfig#adminEnabled()}. */
    public Builder adminEnabled(boolean value) {
      this.adminEnabled = value;
      return this;
    }

    /** See {@link MonitorConfig#adminHost()}. */
    public Builder adminHost(String value) {
      this.adminHost = Objects.requireNonNull(value, "adminHost");
      return this;
    }

    /** See {@link MonitorConfig#adminPort()}. */
    public Builder adminPort(int value) {
      this.adminPort = value;
      return this;
    }

    /** See {@link MonitorConfig#bearerToken()}. */
    public Builder bearerToken(String value) {
      this.bearerToken = Objects.requireNonNull(value, "bearerToken");
      return this;
    }

    /** See {@link MonitorConfig#slowRequestThreshold()}. */
    public Builder slowRequestThreshold(Duration value) {
      this.slowRequestThreshold = Objects.requireNonNull(value, "slowRequestThreshold");
      return this;
    }

    /** See {@link MonitorConfig#maxProfileDuration()}. */
    public Builder maxProfileDuration(Duration value) {
      this.maxProfileDuration = Objects.requireNonNull(value, "maxProfileDuration");
      return this;
    }

    /** See {@link MonitorConfig#profilerEngine()}. */
    public Builder profilerEngine(Profiler.Engine value) {
      this.profilerEngine = Objects.requireNonNull(value, "profilerEngine");
      return this;
    }

    /** See {@link MonitorConfig#jvmMetrics()}. */
    public Builder jvmMetrics(boolean value) {
      this.jvmMetrics = value;
      return this;
    }

    /** See {@link MonitorConfig#leakDetection()}. */
    public Builder leakDetection(boolean value) {
      this.leakDetection = value;
      return this;
    }

    /** See {@link MonitorConfig#leak()}. */
    public Builder leak(LeakDetectorConfig value) {
      this.leak = Objects.requireNonNull(value, "leak");
      return this;
    }

    /** Applies environment variables, then system properties, over what is set. */
    public Builder apply(Map<String, String> env, Properties props) {
      Function<String, @Nullable String> get =
          key -> {
            String p = props.getProperty(key);
            return p != null ? p : env.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
          };
      String v;
      if ((v = get.apply("hotpath.monitor.admin.enabled")) != null) {
        adminEnabled(parseBoolean("hotpath.monitor.admin.enabled", v));
      }
      if ((v = get.apply("hotpath.monitor.admin.host")) != null) {
        adminHost(v);
      }
      if ((v = get.apply("hotpath.monitor.admin.port")) != null) {
        adminPort(parseInt("hotpath.monitor.admin.port", v));
      }
      if ((v = get.apply("hotpath.monitor.token")) != null) {
        bearerToken(v);
      }
      if ((v = get.apply("hotpath.monitor.slow.ms")) != null) {
        slowRequestThreshold(Duration.ofMillis(parseInt("hotpath.monitor.slow.ms", v)));
      }
      if ((v = get.apply("hotpath.monitor.profile.max.seconds")) != null) {
        maxProfileDuration(Duration.ofSeconds(parseInt("hotpath.monitor.profile.max.seconds", v)));
      }
      if ((v = get.apply("hotpath.monitor.jvm")) != null) {
        jvmMetrics(parseBoolean("hotpath.monitor.jvm", v));
      }
      if ((v = get.apply("hotpath.monitor.leak")) != null) {
        leakDetection(parseBoolean("hotpath.monitor.leak", v));
      }
      return this;
    }

    private static int parseInt(String key, String v) {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be an integer, was '" + v + "'", e);
      }
    }

    private static boolean parseBoolean(String key, String v) {
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
      };
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public MonitorConfig build() {
      inRange("MonitorConfig.adminPort", adminPort, 0, 65535);
      String token = bearerToken;
      require(token == null || token.length() >= 16, "MonitorConfig.bearerToken", "at least 16 characters",
          (token == null ? 0 : token.length()) + " characters");
      require(slowRequestThreshold.isPositive(), "MonitorConfig.slowRequestThreshold", "positive", slowRequestThreshold);
      inRange("MonitorConfig.maxProfileDuration", maxProfileDuration, Duration.ofSeconds(1), Duration.ofHours(1));
      require(!adminEnabled || token != null || isLoopback(adminHost), "MonitorConfig.adminHost",
          "a loopback address unless bearerToken is set (hotpath.monitor.token / HOTPATH_MONITOR_TOKEN)", adminHost);
      return new MonitorConfig(this);
    }
  }
}
