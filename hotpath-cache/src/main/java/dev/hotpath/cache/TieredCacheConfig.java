package dev.hotpath.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link TieredCache}: immutable and validated when built. A bad value throws
 * {@link IllegalArgumentException} naming the setting, the value and the allowed range; nothing is
 * clamped.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>(required)</td><td>namespace of the Redis keys ({@code name:{key}}) and of
 *       the invalidation channel; letters, digits, {@code . _ -}</td></tr>
 *   <tr><td>l1MaximumSize</td><td>10 000</td><td>entries kept in process (Caffeine, W-TinyLFU)</td></tr>
 *   <tr><td>l1Ttl</td><td>30 s</td><td>life of an L1 entry; the bound on any stale L1 read</td></tr>
 *   <tr><td>l2Ttl</td><td>10 min</td><td>life of a Redis entry</td></tr>
 *   <tr><td>ttlJitter</td><td>0.1</td><td>each TTL is shortened by a random fraction in
 *       [0, jitter) so entries filled together do not expire together (avalanche)</td></tr>
 *   <tr><td>l1Jitter</td><td>true</td><td>whether {@code ttlJitter} also shortens L1 TTLs. false:
 *       every L1 value lives exactly {@code l1Ttl} (Redis TTLs keep their jitter); a hit costs
 *       the same either way</td></tr>
 *   <tr><td>negativeTtl</td><td>5 s</td><td>how long "no such key" is remembered (penetration);
 *       0 disables negative caching</td></tr>
 *   <tr><td>earlyExpirationBeta</td><td>1.0</td><td>XFetch: a hot entry is reloaded in the
 *       background shortly before it expires, with a probability that grows as expiry nears and
 *       with the cache's recent mean load time; 0 disables</td></tr>
 *   <tr><td>l2CommandTimeout</td><td>250 ms</td><td>each Redis command fails after this; the
 *       read then continues as an L2 miss</td></tr>
 *   <tr><td>leaseTtl</td><td>5 s</td><td>life of a fill lease; a load slower than this is
 *       returned but not stored in Redis</td></tr>
 *   <tr><td>leaseWait</td><td>0</td><td>0: every instance that misses loads (fills are still
 *       guarded). &gt; 0: one instance holds an exclusive lease per key and the others poll Redis
 *       for its value up to this long before loading themselves</td></tr>
 *   <tr><td>maxPendingInvalidations</td><td>10 000</td><td>invalidations that could not reach
 *       Redis, replayed when it is back</td></tr>
 *   <tr><td>maxStaleness</td><td>0 (off)</td><td>serve-stale-while-revalidate: an L1 entry past its
 *       TTL by less than this is still served while another caller of this instance, or another
 *       instance holding the fill lease, reloads it; never after an invalidation</td></tr>
 *   <tr><td>l2ConnectRetry</td><td>1 s</td><td>while Redis cannot be reached at start, the cache runs
 *       on L1 and the loader and tries to connect again this often</td></tr>
 * </table>
 *
 * <pre>{@code
 * TieredCacheConfig config = TieredCacheConfig.builder("users")
 *     .l1MaximumSize(50_000).l1Ttl(Duration.ofSeconds(10)).l2Ttl(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 */
public final class TieredCacheConfig {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String name;
  private final long l1MaximumSize;
  private final Duration l1Ttl;
  private final Duration l2Ttl;
  private final double ttlJitter;
  private final boolean l1Jitter;
  private final Duration negativeTtl;
  private final double earlyExpirationBeta;
  private final Duration l2CommandTimeout;
  private final Duration leaseTtl;
  private final Duration leaseWait;
  private final int maxPendingInvalidations;
  private final Duration maxStaleness;
  private final Duration l2ConnectRetry;

  private TieredCacheConfig(Builder b) {
    this.name = b.name;
    this.l1MaximumSize = b.l1MaximumSize;
    this.l1Ttl = b.l1Ttl;
    this.l2Ttl = b.l2Ttl;
    this.ttlJitter = b.ttlJitter;
    this.l1Jitter = b.l1Jitter;
    this.negativeTtl = b.negativeTtl;
    this.earlyExpirationBeta = b.earlyExpirationBeta;
    this.l2CommandTimeout = b.l2CommandTimeout;
    this.leaseTtl = b.leaseTtl;
    this.leaseWait = b.leaseWait;
    this.maxPendingInvalidations = b.maxPendingInvalidations;
    this.maxStaleness = b.maxStaleness;
    this.l2ConnectRetry = b.l2ConnectRetry;
  }

  /** Namespace of the Redis keys and of the invalidation channel. */
  public String name() {
    return name;
  }

  /** Entries kept in process. */
  public long l1MaximumSize() {
    return l1MaximumSize;
  }

  /** Life of an L1 entry: the bound on any stale L1 read (plus {@link #maxStaleness()}). */
  public Duration l1Ttl() {
    return l1Ttl;
  }

  /** Life of a Redis entry. */
  public Duration l2Ttl() {
    return l2Ttl;
  }

  /** Largest random fraction a TTL is shortened by. */
  public double ttlJitter() {
    return ttlJitter;
  }

  /** How long an absent key is remembered; zero: not at all. */
  public Duration negativeTtl() {
    return negativeTtl;
  }

  /**
   * Whether {@link #ttlJitter()} applies to L1 TTLs as well as Redis TTLs. When it does not (or
   * the jitter is 0), every L1 value lives exactly {@link #l1Ttl()}.
   */
  public boolean l1Jitter() {
    return l1Jitter;
  }

  /** Whether L1 values all get the same life, {@code l1Ttl} (no L1 jitter). */
  boolean l1FixedTtl() {
    return !l1Jitter || ttlJitter == 0;
  }

  /** XFetch beta; zero: no early refresh. */
  public double earlyExpirationBeta() {
    return earlyExpirationBeta;
  }

  /** Timeout of each Redis command. */
  public Duration l2CommandTimeout() {
    return l2CommandTimeout;
  }

  /** Life of a fill lease. */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  /** How long a reader waits for another instance's leased load; zero: no exclusive lease. */
  public Duration leaseWait() {
    return leaseWait;
  }

  /** Invalidations kept for replay while Redis is unreachable. */
  public int maxPendingInvalidations() {
    return maxPendingInvalidations;
  }

  /** How long past its TTL an entry may be served while another caller reloads it; zero: never. */
  public Duration maxStaleness() {
    return maxStaleness;
  }

  /** Pause between connection attempts while Redis could not be reached at start. */
  public Duration l2ConnectRetry() {
    return l2ConnectRetry;
  }

  private List<Object> values() {
    return List.of(name, l1MaximumSize, l1Ttl, l2Ttl, ttlJitter, l1Jitter, negativeTtl, earlyExpirationBeta,
        l2CommandTimeout, leaseTtl, leaseWait, maxPendingInvalidations, maxStaleness, l2ConnectRetry);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TieredCacheConfig c && values().equals(c.values());
  }

  @Override
  public int hashCode() {
    return values().hashCode();
  }

  @Override
  public String toString() {
    return "TieredCacheConfig[name=" + name + ", l1MaximumSize=" + l1MaximumSize + ", l1Ttl=" + l1Ttl
        + ", l2Ttl=" + l2Ttl + ", ttlJitter=" + ttlJitter + ", l1Jitter=" + l1Jitter + ", negativeTtl=" + negativeTtl
        + ", earlyExpirationBeta=" + earlyExpirationBeta + ", l2CommandTimeout=" + l2CommandTimeout
        + ", leaseTtl=" + leaseTtl + ", leaseWait=" + leaseWait + ", maxPendingInvalidations="
        + maxPendingInvalidations + ", maxStaleness=" + maxStaleness + ", l2ConnectRetry=" + l2ConnectRetry + "]";
  }

  /** The defaults of the table above for a cache called {@code name}. */
  public static TieredCacheConfig ofDefaults(String name) {
    return builder(name).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /** A builder starting from {@code base}. */
  public static Builder from(TieredCacheConfig base) {
    return new Builder(base.name)
        .l1MaximumSize(base.l1MaximumSize)
        .l1Ttl(base.l1Ttl)
        .l2Ttl(base.l2Ttl)
        .ttlJitter(base.ttlJitter)
        .l1Jitter(base.l1Jitter)
        .negativeTtl(base.negativeTtl)
        .earlyExpirationBeta(base.earlyExpirationBeta)
        .l2CommandTimeout(base.l2CommandTimeout)
        .leaseTtl(base.leaseTtl)
        .leaseWait(base.leaseWait)
        .maxPendingInvalidations(base.maxPendingInvalidations)
        .maxStaleness(base.maxStaleness)
        .l2ConnectRetry(base.l2ConnectRetry);
  }

  /** Builds a {@link TieredCacheConfig}, validating every setting in {@link #build()}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private long l1MaximumSize = 10_000;
    private Duration l1Ttl = Duration.ofSeconds(30);
    private Duration l2Ttl = Duration.ofMinutes(10);
    private double ttlJitter = 0.1;
    private boolean l1Jitter = true;
    private Duration negativeTtl = Duration.ofSeconds(5);
    private double earlyExpirationBeta = 1.0;
    private Duration l2CommandTimeout = Duration.ofMillis(250);
    private Duration leaseTtl = Duration.ofSeconds(5);
    private Duration leaseWait = Duration.ZERO;
    private int maxPendingInvalidations = 10_000;
    private Duration maxStaleness = Duration.ZERO;
    private Duration l2ConnectRetry = Duration.ofSeconds(1);

    private Builder(String name) {
      this.name = name;
    }

    /** Entries kept in process. */
    public Builder l1MaximumSize(long entries) {
      this.l1MaximumSize = entries;
      return this;
    }

    /** Life of an L1 entry (bound on stale L1 reads). */
    public Builder l1Ttl(Duration ttl) {
      this.l1Ttl = Objects.requireNonNull(ttl, "l1Ttl");
      return this;
    }

    /** Life of a Redis entry. */
    public Builder l2Ttl(Duration ttl) {
      this.l2Ttl = Objects.requireNonNull(ttl, "l2Ttl");
      return this;
    }

    /** Random shortening of each TTL, a fraction in [0, 0.5]. */
    public Builder ttlJitter(double fraction) {
      this.ttlJitter = fraction;
      return this;
    }

    /**
     * Whether {@link #ttlJitter} also shortens L1 TTLs (default true). false: L1 values live exactly
     * {@code l1Ttl}; Redis TTLs keep their jitter.
     */
    public Builder l1Jitter(boolean jitterL1) {
      this.l1Jitter = jitterL1;
      return this;
    }

    /** How long an absent key is remembered; zero disables negative caching. */
    public Builder negativeTtl(Duration ttl) {
      this.negativeTtl = Objects.requireNonNull(ttl, "negativeTtl");
      return this;
    }

    /** XFetch beta in [0, 10]; zero disables early refresh. */
    public Builder earlyExpirationBeta(double beta) {
      this.earlyExpirationBeta = beta;
      return this;
    }

    /** Timeout of each Redis command. */
    public Builder l2CommandTimeout(Duration timeout) {
      this.l2CommandTimeout = Objects.requireNonNull(timeout, "l2CommandTimeout");
      return this;
    }

    /** Life of a fill lease. */
    public Builder leaseTtl(Duration ttl) {
      this.leaseTtl = Objects.requireNonNull(ttl, "leaseTtl");
      return this;
    }

    /** How long a reader waits for another instance's leased load; zero: no exclusive lease. */
    public Builder leaseWait(Duration wait) {
      this.leaseWait = Objects.requireNonNull(wait, "leaseWait");
      return this;
    }

    /** Invalidations kept for replay while Redis is unreachable. */
    public Builder maxPendingInvalidations(int max) {
      this.maxPendingInvalidations = max;
      return this;
    }

    /** Serve-stale-while-revalidate allowance in [0, l1Ttl]; zero (the default) disables it. */
    public Builder maxStaleness(Duration staleness) {
      this.maxStaleness = Objects.requireNonNull(staleness, "maxStaleness");
      return this;
    }

    /** Pause between attempts to reach Redis when it was down at start, in [10 ms, 1 h]. */
    public Builder l2ConnectRetry(Duration pause) {
      this.l2ConnectRetry = Objects.requireNonNull(pause, "l2ConnectRetry");
      return this;
    }

    /** Validates every setting and builds. */
    public TieredCacheConfig build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "TieredCacheConfig.name must be 1-64 characters of [A-Za-z0-9._-], was '" + name + "'");
      }
      if (l1MaximumSize < 1) {
        throw new IllegalArgumentException("l1MaximumSize must be >= 1, was " + l1MaximumSize);
      }
      positive("l1Ttl", l1Ttl);
      positive("l2Ttl", l2Ttl);
      if (!(ttlJitter >= 0 && ttlJitter <= 0.5)) {
        throw new IllegalArgumentException("ttlJitter must be in [0, 0.5], was " + ttlJitter);
      }
      notNegative("negativeTtl", negativeTtl);
      if (negativeTtl.compareTo(l1Ttl) > 0) {
        throw new IllegalArgumentException(
            "negativeTtl must be <= l1Ttl (" + l1Ttl + "), was " + negativeTtl);
      }
      if (!(earlyExpirationBeta >= 0 && earlyExpirationBeta <= 10)) {
        throw new IllegalArgumentException(
            "earlyExpirationBeta must be in [0, 10], was " + earlyExpirationBeta);
      }
      positive("l2CommandTimeout", l2CommandTimeout);
      positive("leaseTtl", leaseTtl);
      notNegative("leaseWait", leaseWait);
      if (leaseWait.compareTo(leaseTtl) > 0) {
        throw new IllegalArgumentException(
            "leaseWait must be <= leaseTtl (" + leaseTtl + "), was " + leaseWait);
      }
      if (maxPendingInvalidations < 0) {
        throw new IllegalArgumentException(
            "maxPendingInvalidations must be >= 0, was " + maxPendingInvalidations);
      }
      notNegative("maxStaleness", maxStaleness);
      if (maxStaleness.compareTo(l1Ttl) > 0) {
        throw new IllegalArgumentException(
            "maxStaleness must be in [0, l1Ttl (" + l1Ttl + ")], was " + maxStaleness);
      }
      if (l2ConnectRetry.compareTo(Duration.ofMillis(10)) < 0 || l2ConnectRetry.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("l2ConnectRetry must be in [10 ms, 1 h], was " + l2ConnectRetry);
      }
      return new TieredCacheConfig(this);
    }

    private static void positive(String setting, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(setting + " must be > 0, was " + d);
      }
    }

    private static void notNegative(String setting, Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(setting + " must be >= 0, was " + d);
      }
    }
  }
}
