/** The load engine's implementation: Netty connections, scheduling, recording. Not API. */
@NullMarked
package dev.hotpath.load.internal;

import org.jspecify.annotations.NullMarked;
