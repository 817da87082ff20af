/** Implementation of hotpath-cache: the Redis tier, its scripts and the invalidation channel. Not API. */
@NullMarked
package dev.hotpath.cache.internal;

import org.jspecify.annotations.NullMarked;
