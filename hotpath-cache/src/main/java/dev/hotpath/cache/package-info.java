/** Multi-level cache (Caffeine L1, Redis L2, loader L3), cache-aside, invalidation, stampede protection. */
@NullMarked
package dev.hotpath.cache;

import org.jspecify.annotations.NullMarked;
