package dev.hotpath.cache;

import dev.hotpath.cache.internal.CacheCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes a {@link TieredCache}'s counters to Micrometer under Micrometer's cache meter names
 * (those of its Caffeine and JCache binders), with a {@code tier} tag where a tier is meant.
 * Micrometer is an optional dependency: this is the only class of the module that touches it.
 *
 * <table>
 *   <caption>Meters (all tagged {@code cache=<name>})</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>meaning</th></tr>
 *   <tr><td>cache.gets</td><td>counter</td><td>tier=l1|l2, result=hit|miss</td><td>reads answered or
 *       missed by each tier</td></tr>
 *   <tr><td>cache.gets.stale</td><td>counter</td><td></td><td>reads served past the TTL (serve-stale)</td></tr>
 *   <tr><td>cache.puts</td><td>counter</td><td></td><td>{@code put} calls</td></tr>
 *   <tr><td>cache.evictions</td><td>counter</td><td></td><td>L1 entries evicted by size or expiry</td></tr>
 *   <tr><td>cache.size</td><td>gauge</td><td></td><td>estimated L1 entries</td></tr>
 *   <tr><td>cache.load</td><td>counter</td><td>result=success|failure</td><td>loader calls</td></tr>
 *   <tr><td>cache.load.duration</td><td>time gauge</td><td></td><td>total time in successful loads</td></tr>
 *   <tr><td>cache.l2.errors</td><td>counter</td><td>reason=error|rejected</td><td>Redis commands that failed
 *       or timed out, or that the open breaker did not send</td></tr>
 *   <tr><td>cache.l2.degraded</td><td>gauge</td><td></td><td>1 while Redis is configured but not in
 *       use ({@link L2Status#degraded()})</td></tr>
 *   <tr><td>cache.invalidations</td><td>counter</td><td>direction=sent|received</td><td>keys invalidated
 *       (or put) by this instance, and by others</td></tr>
 *   <tr><td>cache.fills.refused</td><td>counter</td><td></td><td>Redis fills an invalidation won against</td></tr>
 * </table>
 *
 * <p>Meters read the cache's counters when scraped; nothing is added to the read path.
 * Register once per registry. Thread-safe.
 *
 * <pre>{@code
 * new TieredCacheMetrics(users).bindTo(meterRegistry);
 * }</pre>
 */
@SuppressWarnings("exports") // Micrometer types in the API are the point; users of this class bring Micrometer
public final class TieredCacheMetrics implements MeterBinder {
  private final TieredCache<?, ?> cache;
  private final Tags tags;

  /** Meters of {@code cache}, tagged {@code cache=<its name>}. */
  public TieredCacheMetrics(TieredCache<?, ?> cache) {
    this(cache, Tags.empty());
  }

  /** Meters of {@code cache} with {@code extraTags} besides {@code cache=<its name>}. */
  public TieredCacheMetrics(TieredCache<?, ?> cache, Iterable<Tag> extraTags) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.tags = Tags.of("cache", cache.config().name()).and(extraTags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    CacheCounters c = cache.counters();
    counter(registry, "cache.gets", c.l1Hits, "reads by tier and result", "tier", "l1", "result", "hit");
    counter(registry, "cache.gets", c.l1Misses, "reads by tier and result", "tier", "l1", "result", "miss");
    counter(registry, "cache.gets", c.l2Hits, "reads by tier and result", "tier", "l2", "result", "hit");
    counter(registry, "cache.gets", c.l2Misses, "reads by tier and result", "tier", "l2", "result", "miss");
    counter(registry, "cache.gets.stale", c.staleServed, "reads served past their TTL");
    counter(registry, "cache.puts", c.puts, "entries written with put");
    counter(registry, "cache.evictions", c.evictions, "L1 entries evicted by size or expiry");
    counter(registry, "cache.load", c.loads, "loader calls by result", "result", "success");
    counter(registry, "cache.load", c.loadFailures, "loader calls by result", "result", "failure");
    counter(registry, "cache.l2.errors", c.l2Errors, "Redis commands that failed or were refused", "reason", "error");
    counter(registry, "cache.l2.errors", c.l2Rejected, "Redis commands that failed or were refused",
        "reason", "rejected");
    counter(registry, "cache.invalidations", c.invalidationsSent, "keys invalidated, by direction",
        "direction", "sent");
    counter(registry, "cache.invalidations", c.invalidationsReceived,
        "keys invalidated, by direction", "direction", "received");
    counter(registry, "cache.fills.refused", c.fillsRefused, "Redis fills an invalidation won against");
    Gauge.builder("cache.size", cache, x -> x.stats().l1Size()).tags(tags)
        .description("estimated number of L1 entries").register(registry);
    Gauge.builder("cache.l2.degraded", cache, x -> x.l2Status().degraded() ? 1 : 0).tags(tags)
        .description("1 while Redis is configured but not in use").register(registry);
    TimeGauge.builder("cache.load.duration", c.loadNanos, TimeUnit.NANOSECONDS, LongAdder::sum).tags(tags)
        .description("time spent in successful loads").register(registry);
  }

  private void counter(MeterRegistry registry, String name, LongAdder source, String description, String... tagPairs) {
    FunctionCounter.builder(name, source, LongAdder::sum).tags(tags).tags(tagPairs)
        .description(description).register(registry);
  }
}
