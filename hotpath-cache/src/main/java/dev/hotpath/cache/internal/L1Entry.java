package dev.hotpath.cache.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What L1 holds for a key: the value, or {@code null} for a remembered absence, with the deadline
 * it expires at and what it cost to load (XFetch weighs early refresh by that cost).
 *
 * @param value the value, {@code null} for a negative entry
 * @param deadlineNanos ticker reading at which the entry expires (TTL with jitter already applied)
 * @param refreshHorizonNanos before this reading an early refresh is never considered (it would
 *     have a probability below e^-20), so the hot path skips the logarithm
 * @param loadNanos how long the load that produced the value took
 * @param refreshing set while one background refresh of this entry runs
 */
public record L1Entry<V>(
    @Nullable V value,
    long deadlineNanos,
    long refreshHorizonNanos,
    long loadNanos,
    AtomicBoolean refreshing) {}
