/** Implementation details of dev.hotpath.resilience; not exported. */
@NullMarked
package dev.hotpath.resilience.internal;

import org.jspecify.annotations.NullMarked;
