/** The Spring Boot starter's per-request cost through Spring MVC. */
@NullMarked
package dev.hotpath.bench.spring;

import org.jspecify.annotations.NullMarked;
