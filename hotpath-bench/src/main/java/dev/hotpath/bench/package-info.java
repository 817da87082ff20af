/**
 * JMH benchmarks, one sub-package per module, each measured beside the anchor library it competes
 * with. Build with {@code ./mvnw -pl hotpath-bench -am package -DskipTests}, run with {@code java
 * -jar hotpath-bench/target/benchmarks.jar REGEX -prof gc}; results go to docs/benchmarks.md with
 * the command that produced them.
 */
@NullMarked
package dev.hotpath.bench;

import org.jspecify.annotations.NullMarked;
