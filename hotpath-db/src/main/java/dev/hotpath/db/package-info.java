/** Connection pool, query inspector (digest, slow log, N+1, EXPLAIN advice), sharding, read/write routing. */
@NullMarked
package dev.hotpath.db;

import org.jspecify.annotations.NullMarked;
