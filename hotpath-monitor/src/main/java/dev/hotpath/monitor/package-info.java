/** Request timing, Server-Timing, JVM monitor, leak detector, profiler and pprof-style admin endpoints. */
@NullMarked
package dev.hotpath.monitor;

import org.jspecify.annotations.NullMarked;
