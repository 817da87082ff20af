/**
 * hotpath-concurrency beside its anchors: WorkerPool vs ThreadPoolExecutor, ObjectPool vs plain
 * allocation and Commons Pool2, Interner vs String.intern and Guava's interners.
 */
@NullMarked
package dev.hotpath.bench.concurrency;

import org.jspecify.annotations.NullMarked;
