/** Latency histograms, throughput, outcomes, availability, resource sampling, thresholds and the request Scope. */
@NullMarked
package dev.hotpath.metrics;

import org.jspecify.annotations.NullMarked;
