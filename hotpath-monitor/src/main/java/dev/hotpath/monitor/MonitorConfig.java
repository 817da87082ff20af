package dev.hotpath.monitor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link HotpathMonitor}. Immutable and validated: a bad value fails with the setting,
 * the value and the allowed range; binding the admin port off loopback without a bearer token
 * fails (the endpoints hand out heap dumps).
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

  public static Builder builder() {
    return new Builder();
  }

  public static MonitorConfig ofDefaults() {
    return builder().build();
  }

  /** The defaults overridden by environment variables, then by system properties. */
  public static MonitorConfig fromEnvironment() {
    return builder().apply(System.getenv(), System.getProperties()).build();
  }

  public boolean adminEnabled() {
    return adminEnabled;
  }

  public String adminHost() {
    return adminHost;
  }

  public int adminPort() {
    return adminPort;
  }

  public @Nullable String bearerToken() {
    return bearerToken;
  }

  public Duration slowRequestThreshold() {
    return slowRequestThreshold;
  }

  public Duration maxProfileDuration() {
    return maxProfileDuration;
  }

  public Profiler.Engine profilerEngine() {
    return profilerEngine;
  }

  public boolean jvmMetrics() {
    return jvmMetrics;
  }

  public boolean leakDetection() {
    return leakDetection;
  }

  public LeakDetectorConfig leak() {
    return leak;
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("adminHost '" + host + "' does not resolve", e);
    }
  }

  /** Builds a {@link MonitorConfig}; starts from the defaults. */
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

    /** Whether to serve the admin endpoints at all (default true). */
    public Builder adminEnabled(boolean v) {
      adminEnabled = v;
      return this;
    }

    /** Address the admin endpoints bind to (default 127.0.0.1); off loopback needs a token. */
    public Builder adminHost(String v) {
      adminHost = Objects.requireNonNull(v, "adminHost");
      return this;
    }

    /** Admin port, 0 to 65535 (0 picks a free port); default 9091. */
    public Builder adminPort(int v) {
      if (v < 0 || v > 65535) {
        throw new IllegalArgumentException("adminPort must be within [0, 65535], was " + v);
      }
      adminPort = v;
      return this;
    }

    /** Bearer token that profiles and dumps require; at least 16 characters. */
    public Builder bearerToken(@Nullable String v) {
      if (v != null && v.length() < 16) {
        throw new IllegalArgumentException("bearerToken must have at least 16 characters, had " + v.length());
      }
      bearerToken = v;
      return this;
    }

    /** Requests at least this slow are logged in one line; must be positive (default 500 ms). */
    public Builder slowRequestThreshold(Duration v) {
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException("slowRequestThreshold must be positive, was " + v);
      }
      slowRequestThreshold = v;
      return this;
    }

    /** Longest profile the endpoints run: 1 s to 1 h (default 5 min). */
    public Builder maxProfileDuration(Duration v) {
      if (v.compareTo(Duration.ofSeconds(1)) < 0 || v.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("maxProfileDuration must be within [1 s, 1 h], was " + v);
      }
      maxProfileDuration = v;
      return this;
    }

    /** Profiler engine (default AUTO: async-profiler, else JFR). */
    public Builder profilerEngine(Profiler.Engine v) {
      profilerEngine = Objects.requireNonNull(v, "profilerEngine");
      return this;
    }

    /** Bind JVM metrics (default true). */
    public Builder jvmMetrics(boolean v) {
      jvmMetrics = v;
      return this;
    }

    /** Run the leak detector (default true). */
    public Builder leakDetection(boolean v) {
      leakDetection = v;
      return this;
    }

    /** Leak detector settings. */
    public Builder leak(LeakDetectorConfig v) {
      leak = Objects.requireNonNull(v, "leak");
      return this;
    }

    /**
     * Validates and builds the config.
     *
     * @throws IllegalArgumentException also when the admin endpoints would bind off loopback
     *     without a bearer token
     */
    public MonitorConfig build() {
      if (adminEnabled && bearerToken == null && !isLoopback(adminHost)) {
        throw new IllegalArgumentException(
            "adminHost " + adminHost + " is not loopback: set bearerToken (hotpath.monitor.token /"
                + " HOTPATH_MONITOR_TOKEN) or bind 127.0.0.1");
      }
      return new MonitorConfig(this);
    }
  }
}
