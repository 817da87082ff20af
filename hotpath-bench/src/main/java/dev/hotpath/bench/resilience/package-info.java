/** Resilience patterns on their success path, each beside its Resilience4j equivalent. */
@NullMarked
package dev.hotpath.bench.resilience;

import org.jspecify.annotations.NullMarked;
