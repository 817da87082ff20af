/** The starter's moving parts behind the auto-configurations; not API. */
@NullMarked
package dev.hotpath.spring.internal;

import org.jspecify.annotations.NullMarked;
