/** Circuit breaker, bulkhead, rate limiter, retry, time limiter and adaptive concurrency limiter. */
@NullMarked
package dev.hotpath.resilience;

import org.jspecify.annotations.NullMarked;
