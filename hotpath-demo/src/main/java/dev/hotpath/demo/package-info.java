/** {@code hotpath demo}: the guide's case studies, measured ({@link dev.hotpath.demo.Demo}). */
@NullMarked
package dev.hotpath.demo;

import org.jspecify.annotations.NullMarked;
