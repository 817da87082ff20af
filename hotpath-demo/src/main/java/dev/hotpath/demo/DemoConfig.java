package dev.hotpath.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code hotpath demo} runs: which case studies and steps, how long, against which backends.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * DemoConfig config = DemoConfig.builder().cases(List.of("shop")).quick(true).build();
 * DemoOutcome outcome = Demo.run(config, new PrintWriter(System.out, true));
 * }</pre>
 */
public final class DemoConfig {
  private final List<String> cases;
  private final boolean quick;
  private final @Nullable Path out;
  private final String db;
  private final String redis;
  private final double scale;
  private final long seed;
  private final List<String> steps;
  private final double rate;
  private final int port;
  private final String command;

  private DemoConfig(Builder b) {
    cases = List.copyOf(b.cases);
    quick = b.quick;
    out = b.out;
    db = b.db.strip();
    redis = b.redis.strip();
    if (!(b.scale >= 0.01 && b.scale <= 100)) {
      throw new IllegalArgumentException("--scale must be in [0.01, 100], was " + b.scale);
    }
    scale = b.scale;
    seed = b.seed;
    steps = List.copyOf(b.steps);
    if (!(b.rate == 0 || (b.rate >= 1 && b.rate <= 1_000_000))) {
      throw new IllegalArgumentException("--rate must be in [1, 1000000] requests per second (or 0 = calibrate), was " + b.rate);
    }
    rate = b.rate;
    if (b.port < 0 || b.port > 65_535) {
      throw new IllegalArgumentException("--port must be in [0, 65535] (0 = any free port), was " + b.port);
    }
    port = b.port;
    if (db.isEmpty()) {
      throw new IllegalArgumentException("--db must be auto, embedded or a JDBC URL, was empty");
    }
    if (!db.equals("auto") && !db.equals("embedded") && !db.equals("h2") && !db.startsWith("jdbc:")) {
      throw new IllegalArgumentException("--db must be auto, embedded, h2 or a JDBC URL (jdbc:postgresql://...), was '" + db + "'");
    }
    if (!redis.equals("auto") && !redis.equals("none") && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
      throw new IllegalArgumentException("--redis must be auto, none or a redis:// URI, was '" + redis + "'");
    }
    command = b.command;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static DemoConfig ofDefaults() {
    return builder().build();
  }

  public static Builder from(DemoConfig base) {
    Builder b = new Builder();
    b.cases = base.cases;
    b.quick = base.quick;
    b.out = base.out;
    b.db = base.db;
    b.redis = base.redis;
    b.scale = base.scale;
    b.seed = base.seed;
    b.steps = base.steps;
    b.rate = base.rate;
    b.port = base.port;
    b.command = base.command;
    return b;
  }

  /** Case studies to run, in order; empty = every one. */
  public List<String> cases() {
    return cases;
  }

  /** Shorter phases (about 90 s in all instead of 5 minutes). */
  public boolean quick() {
    return quick;
  }

  /** Where results go; empty = a fresh folder under {@code ./hotpath-demo-results/}. */
  public Optional<Path> out() {
    return Optional.ofNullable(out);
  }

  /** {@code auto}, {@code embedded} (PostgreSQL), {@code h2} or a JDBC URL. */
  public String db() {
    return db;
  }

  /** {@code auto}, {@code none} or a {@code redis://} URI. */
  public String redis() {
    return redis;
  }

  /** Data size factor (1.0 = the guide's sizes). */
  public double scale() {
    return scale;
  }

  /** Seed of the generated data. */
  public long seed() {
    return seed;
  }

  /** Steps to run, by name; empty = all of each case. */
  public List<String> steps() {
    return steps;
  }

  /** Open-model offered rate in requests per second; 0 = calibrate on the first step. */
  public double rate() {
    return rate;
  }

  /** Port of the service under test; 0 = any free port. */
  public int port() {
    return port;
  }

  /** The command line that reproduces this run, for the report. */
  public String command() {
    return command;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DemoConfig c && c.cases.equals(cases) && c.quick == quick && Objects.equals(c.out, out)
        && c.db.equals(db) && c.redis.equals(redis) && c.scale == scale && c.seed == seed && c.steps.equals(steps)
        && c.rate == rate && c.port == port && c.command.equals(command);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cases, quick, out, db, redis, scale, seed, steps, rate, port, command);
  }

  @Override
  public String toString() {
    return "DemoConfig[cases=" + cases + ", quick=" + quick + ", out=" + out + ", db=" + db + ", redis=" + redis
        + ", scale=" + scale + ", seed=" + seed + ", steps=" + steps + ", rate=" + rate + ", port=" + port + "]";
  }

  /** Builds a {@link DemoConfig}; defaults: every case, full length, auto backends, scale 1, seed 42. */
  public static final class Builder {
    private List<String> cases = List.of();
    private boolean quick;
    private @Nullable Path out;
    private String db = "auto";
    private String redis = "auto";
    private double scale = 1.0;
    private long seed = 42;
    private List<String> steps = List.of();
    private double rate;
    private int port;
    private String command = "hotpath demo";

    private Builder() {}

    public Builder cases(List<String> cases) {
      this.cases = Objects.requireNonNull(cases, "cases");
      return this;
    }

    public Builder quick(boolean quick) {
      this.quick = quick;
      return this;
    }

    /** Results folder; null for a fresh one under {@code ./hotpath-demo-results/}. */
    public Builder out(@Nullable Path out) {
      this.out = out;
      return this;
    }

    public Builder db(String db) {
      this.db = Objects.requireNonNull(db, "db");
      return this;
    }

    public Builder redis(String redis) {
      this.redis = Objects.requireNonNull(redis, "redis");
      return this;
    }

    public Builder scale(double scale) {
      this.scale = scale;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder steps(List<String> steps) {
      this.steps = Objects.requireNonNull(steps, "steps");
      return this;
    }

    public Builder rate(double rate) {
      this.rate = rate;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder command(String command) {
      this.command = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the setting, the value and what is allowed
     */
    public DemoConfig build() {
      return new DemoConfig(this);
    }
  }
}
