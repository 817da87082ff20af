/** The demo's machinery: child JVMs, backends, the harness; not an API. */
@NullMarked
package dev.hotpath.demo.internal;

import org.jspecify.annotations.NullMarked;
