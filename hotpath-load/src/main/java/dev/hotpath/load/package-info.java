/** The load engine: open and closed models, scenarios, results. */
@NullMarked
package dev.hotpath.load;

import org.jspecify.annotations.NullMarked;
