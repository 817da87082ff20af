package dev.hotpath.load;

import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything a load run needs, validated on construction: what to send ({@link Scenario}), how
 * requests arrive (an open-model {@link RateSchedule}, or the closed model when there is none), and
 * the bounds of the run.
 *
 * <p>Time: the run lasts {@link #runLength()} — the schedule's length in the open model, {@code
 * duration} in the closed model — and its first {@link #warmup()} is not counted in the results.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * LoadConfig open = LoadConfig.builder(Scenario.of(RequestSpec.get("http://127.0.0.1:8080/")))
 *     .schedule(RateSchedule.constant(500, Duration.ofSeconds(30)))
 *     .connections(32)
 *     .build();
 * LoadConfig closed = LoadConfig.builder(scenario).connections(64).duration(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public final class LoadConfig {
  private final Scenario scenario;
  private final @Nullable RateSchedule schedule;
  private final int connections;
  private final int pipelining;
  private final Duration duration;
  private final long maxRequests;
  private final Duration warmup;
  private final Duration timeout;
  private final Duration thinkTime;
  private final int queueCapacity;
  private final boolean insecure;
  private final int ioThreads;
  private final Duration interval;
  private final Ticker ticker;
  private final Map<String, String> labels;
  private final LoadShard shard;
  private final @Nullable StartAt startAt;
  private final Transport transport;
  private final HttpProtocol protocol;
  private final int maxStreams;

  private LoadConfig(Builder b) {
    scenario = b.scenario;
    schedule = b.schedule;
    connections = check("connections", b.connections, 1, 100_000);
    pipelining = check("pipelining", b.pipelining, 1, 1024);
    maxRequests = b.maxRequests;
    if (maxRequests < 0) {
      throw new IllegalArgumentException("requests must be >= 0 (0 = no limit), was " + maxRequests);
    }
    warmup = nonNegative("warmup", b.warmup);
    timeout = positive("timeout", b.timeout);
    thinkTime = nonNegative("think-time", b.thinkTime);
    queueCapacity = check("queue", b.queueCapacity, 0, 10_000_000);
    insecure = b.insecure;
    ioThreads = check("io-threads", b.ioThreads, 1, 1024);
    interval = positive("interval", b.interval);
    ticker = b.ticker;
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(b.labels));
    shard = b.shard;
    startAt = b.startAt;
    transport = b.transport;
    protocol = b.protocol;
    maxStreams = check("max-streams", b.maxStreams, 1, 100_000);
    if (protocol == HttpProtocol.HTTP_2 && pipelining > 1) {
      throw new IllegalArgumentException(
          "pipelining is for HTTP/1.1; with HTTP/2 set the streams per connection (--max-streams), was pipelining " + pipelining);
    }
    if (!shard.isWhole() && schedule == null) {
      throw new IllegalArgumentException(
          "--shard splits an arrival plan: it needs the open model (--rate or --stages), was the closed model");
    }
    if (schedule != null) {
      duration = schedule.duration();
      if (thinkTime.compareTo(Duration.ZERO) > 0) {
        throw new IllegalArgumentException("think-time applies to the closed model only (no --rate/--stages)");
      }
    } else {
      if (b.duration == null && maxRequests == 0) {
        throw new IllegalArgumentException("the closed model needs a duration or a request count");
      }
      duration = b.duration == null ? Duration.ofDays(365) : positive("duration", b.duration);
    }
    if (warmup.compareTo(duration) >= 0) {
      throw new IllegalArgumentException("warmup (" + DurationParser.format(warmup)
          + ") must be shorter than the run (" + DurationParser.format(duration) + ")");
    }
  }

  private static int check(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
    }
    return v;
  }

  private static Duration positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be more than 0s, was " + DurationParser.format(d));
    }
    return d;
  }

  private static Duration nonNegative(String name, Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must be 0s or more, was " + DurationParser.format(d));
    }
    return d;
  }

  public static Builder builder(Scenario scenario) {
    return new Builder(scenario);
  }

  /** A builder holding {@code base}'s settings, to change a few. */
  public static Builder from(LoadConfig base) {
    Builder b = new Builder(base.scenario);
    b.schedule = base.schedule;
    b.connections = base.connections;
    b.pipelining = base.pipelining;
    b.duration = base.schedule == null && base.duration.equals(Duration.ofDays(365)) ? null : base.duration;
    b.maxRequests = base.maxRequests;
    b.warmup = base.warmup;
    b.timeout = base.timeout;
    b.thinkTime = base.thinkTime;
    b.queueCapacity = base.queueCapacity;
    b.insecure = base.insecure;
    b.ioThreads = base.ioThreads;
    b.interval = base.interval;
    b.ticker = base.ticker;
    b.labels = base.labels;
    b.shard = base.shard;
    b.startAt = base.startAt;
    b.transport = base.transport;
    b.protocol = base.protocol;
    b.maxStreams = base.maxStreams;
    return b;
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The open model's arrival plan, or null for the closed model. */
  public @Nullable RateSchedule schedule() {
    return schedule;
  }

  public LoadModel model() {
    return schedule == null ? LoadModel.CLOSED : LoadModel.OPEN;
  }

  public int connections() {
    return connections;
  }

  public int pipelining() {
    return pipelining;
  }

  /** The whole run including warm-up (for a closed run bounded only by requests: a year). */
  public Duration runLength() {
    return duration;
  }

  /** Stop after this many requests (0 = no limit). */
  public long maxRequests() {
    return maxRequests;
  }

  public Duration warmup() {
    return warmup;
  }

  public Duration timeout() {
    return timeout;
  }

  public Duration thinkTime() {
    return thinkTime;
  }

  /** Requests that may wait for a free connection (open model); beyond it they are dropped. */
  public int queueCapacity() {
    return queueCapacity;
  }

  public boolean insecure() {
    return insecure;
  }

  public int ioThreads() {
    return ioThreads;
  }

  public Duration interval() {
    return interval;
  }

  public Ticker ticker() {
    return ticker;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** Which interleaved share of the arrival plan this process runs; {@link LoadShard#WHOLE} by default. */
  public LoadShard shard() {
    return shard;
  }

  /** When to start, so that the shards of a distributed run start together; null to start at once. */
  public @Nullable StartAt startAt() {
    return startAt;
  }

  /** The event loops' socket I/O; {@link Transport#AUTO} (the fastest available) by default. */
  public Transport transport() {
    return transport;
  }

  /** HTTP/1.1 (default) or HTTP/2. */
  public HttpProtocol protocol() {
    return protocol;
  }

  /** HTTP/2: streams in flight per connection at most (the server's own limit may be lower); default 100. */
  public int maxStreams() {
    return maxStreams;
  }

  /** Builds a {@link LoadConfig}; defaults: closed model, 16 connections, 10 s, timeout 10 s. */
  public static final class Builder {
    private final Scenario scenario;
    private @Nullable RateSchedule schedule;
    private int connections = 16;
    private int pipelining = 1;
    private @Nullable Duration duration = Duration.ofSeconds(10);
    private long maxRequests;
    private Duration warmup = Duration.ZERO;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration thinkTime = Duration.ZERO;
    private int queueCapacity = 10_000;
    private boolean insecure;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private Duration interval = Duration.ofSeconds(1);
    private Ticker ticker = Ticker.system();
    private Map<String, String> labels = Map.of();
    private LoadShard shard = LoadShard.WHOLE;
    private @Nullable StartAt startAt;
    private Transport transport = Transport.AUTO;
    private HttpProtocol protocol = HttpProtocol.HTTP_1_1;
    private int maxStreams = 100;

    private Builder(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** Open model with this arrival plan; null for the closed model. */
    public Builder schedule(@Nullable RateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder connections(int connections) {
      this.connections = connections;
      return this;
    }

    public Builder pipelining(int depth) {
      this.pipelining = depth;
      return this;
    }

    /** Closed model: run length including warm-up; null to bound by {@link #maxRequests} only. */
    public Builder duration(@Nullable Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder maxRequests(long maxRequests) {
      this.maxRequests = maxRequests;
      return this;
    }

    public Builder warmup(Duration warmup) {
      this.warmup = Objects.requireNonNull(warmup);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder thinkTime(Duration thinkTime) {
      this.thinkTime = Objects.requireNonNull(thinkTime);
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    public Builder ioThreads(int ioThreads) {
      this.ioThreads = ioThreads;
      return this;
    }

    public Builder interval(Duration interval) {
      this.interval = Objects.requireNonNull(interval);
      return this;
    }

    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker);
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = Map.copyOf(labels);
      return this;
    }

    /** Run only shard {@code shard} of the arrival plan (open model only). */
    public Builder shard(LoadShard shard) {
      this.shard = Objects.requireNonNull(shard, "shard");
      return this;
    }

    /** Wait until {@code startAt} before starting; null to start at once. */
    public Builder startAt(@Nullable StartAt startAt) {
      this.startAt = startAt;
      return this;
    }

    /** The event loops' socket I/O (default {@link Transport#AUTO}). */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** HTTP/1.1 (default) or HTTP/2 ({@code h2} over TLS, {@code h2c} on cleartext). */
    public Builder protocol(HttpProtocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** HTTP/2: streams in flight per connection at most, 1 to 100000 (default 100). */
    public Builder maxStreams(int maxStreams) {
      this.maxStreams = maxStreams;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public LoadConfig build() {
      return new LoadConfig(this);
    }
  }
}
