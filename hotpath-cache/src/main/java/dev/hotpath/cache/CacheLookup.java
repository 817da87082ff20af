package dev.hotpath.cache;

import org.jspecify.annotations.Nullable;

/**
 * A value read by {@link TieredCache#lookup} and the tier that answered it: for tests, and for
 * a per-request breakdown (which tier a slow request was served from).
 *
 * @param value the value, {@code null} when the key does not exist
 * @param tier the tier that answered; a read that waited for another caller's load reports the
 *     tier that load was answered from
 * @param stale whether the value is past its TTL, served within {@code maxStaleness} while
 *     another caller reloads it (the tier is then {@link Tier#L1})
 */
public record CacheLookup<V>(@Nullable V value, Tier tier, boolean stale) {}
