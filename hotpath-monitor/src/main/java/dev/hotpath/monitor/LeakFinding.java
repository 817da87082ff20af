package dev.hotpath.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The leak detector's verdict: the old generation's floor (its usage right after GC) keeps rising.
 * Immutable; built by the {@link LeakDetector} (new details may be added without breaking callers).
 *
 * <pre>{@code
 * detector.findings().forEach(f -> log.warn(f.summary()));
 * }</pre>
 */
public final class LeakFinding {
  private final double bytesPerMinute;
  private final Duration observed;
  private final long floorBytes;
  private final long maxBytes;
  private final @Nullable Duration timeToFull;
  private final List<ClassGrowth> grown;

  LeakFinding(double bytesPerMinute, Duration observed, long floorBytes, long maxBytes, @Nullable Duration timeToFull, List<ClassGrowth> grown) {
    this.bytesPerMinute = bytesPerMinute;
    this.observed = observed;
    this.floorBytes = floorBytes;
    this.maxBytes = maxBytes;
    this.timeToFull = timeToFull;
    this.grown = List.copyOf(grown);
  }

  /** Fitted growth of the floor. */
  public double bytesPerMinute() {
    return bytesPerMinute;
  }

  /** Time span of the samples the fit used. */
  public Duration observed() {
    return observed;
  }

  /** Fitted floor now. */
  public long floorBytes() {
    return floorBytes;
  }

  /** The old generation's (or heap's) maximum, or -1 when undefined. */
  public long maxBytes() {
    return maxBytes;
  }

  /** When the floor reaches the maximum at this rate; empty when the maximum is undefined. */
  public Optional<Duration> timeToFull() {
    return Optional.ofNullable(timeToFull);
  }

  /** Classes that grew most between two histograms taken after the finding (empty when histograms are off or failed). */
  public List<ClassGrowth> grown() {
    return grown;
  }

  /** This finding with the histogram diff attached. */
  LeakFinding withGrown(List<ClassGrowth> classes) {
    return new LeakFinding(bytesPerMinute, observed, floorBytes, maxBytes, timeToFull, classes);
  }

  /** e.g. {@code +12 MB/min over 15 min; heap full in about 40 min}. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%+.1f MB/min over %s", bytesPerMinute / (1024 * 1024), human(observed)));
    Duration ttf = timeToFull;
    if (ttf != null) {
      sb.append("; heap full in about ").append(human(ttf));
    }
    if (!grown.isEmpty()) {
      sb.append("; grew most: ");
      for (int i = 0; i < Math.min(3, grown.size()); i++) {
        ClassGrowth g = grown.get(i);
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(g.className())
            .append(String.format(Locale.ROOT, " %+d (%+.1f MB)", g.instances(), g.bytes() / (1024.0 * 1024)));
      }
    }
    return sb.toString();
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 2 * 3600) {
      return s / 60 + " min";
    }
    return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof LeakFinding o)) {
      return false;
    }
    return Double.compare(bytesPerMinute, o.bytesPerMinute) == 0
        && Objects.equals(observed, o.observed)
        && floorBytes == o.floorBytes
        && maxBytes == o.maxBytes
        && Objects.equals(timeToFull, o.timeToFull)
        && Objects.equals(grown, o.grown);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bytesPerMinute, observed, floorBytes, maxBytes, timeToFull, grown);
  }

  @Override
  public String toString() {
    return summary();
  }
}
