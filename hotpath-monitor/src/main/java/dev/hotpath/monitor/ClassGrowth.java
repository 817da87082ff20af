package dev.hotpath.monitor;

/**
 * How much one class grew between two class histograms. Immutable.
 *
 * @param className as the JVM names it ({@code [B}, {@code com.example.Order})
 * @param instances change in instance count
 * @param bytes change in shallow bytes
 */
public record ClassGrowth(String className, long instances, long bytes) {}
