/** Compression filter, pooled HTTP client, client-side load balancer. */
@NullMarked
package dev.hotpath.http;

import org.jspecify.annotations.NullMarked;
