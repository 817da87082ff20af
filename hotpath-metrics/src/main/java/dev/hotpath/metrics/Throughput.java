package dev.hotpath.metrics;

import java.time.Duration;

/**
 * How much work was done over a span of time: requests (RPS), transactions (TPS), queries (QPS)
 * — all the same arithmetic — and bytes (BPS).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Throughput t = Throughput.of(12_000, 3_400_000, Duration.ofSeconds(10));
 * t.perSecond();       // 1200.0 requests per second
 * t.bytesPerSecond();  // 340000.0
 * }</pre>
 *
 * @param count events completed in the span
 * @param bytes bytes transferred in the span
 * @param elapsedNanos length of the span
 */
public record Throughput(long count, long bytes, long elapsedNanos) {

  /** Validates: counts are non-negative, the span is positive. */
  public Throughput {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
    }
    if (elapsedNanos <= 0) {
      throw new IllegalArgumentException("elapsed must be > 0, was " + elapsedNanos + " ns");
    }
  }

  /** {@code count} events and {@code bytes} bytes over {@code elapsed}. */
  public static Throughput of(long count, long bytes, Duration elapsed) {
    return new Throughput(count, bytes, elapsed.toNanos());
  }

  /** Events per second (RPS, TPS or QPS, by what was counted). */
  public double perSecond() {
    return count * 1e9 / elapsedNanos;
  }

  /** Bytes per second. */
  public double bytesPerSecond() {
    return bytes * 1e9 / elapsedNanos;
  }

  /** The span as a Duration. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }

  /** Both spans together: counts and bytes add, and so do the spans (consecutive intervals). */
  public Throughput plus(Throughput next) {
    return new Throughput(count + next.count, bytes + next.bytes, elapsedNanos + next.elapsedNanos);
  }
}
