package dev.hotpath.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The leak detector's verdict: the old generation's floor (its usage right after GC) keeps rising.
 * Immutable.
 *
 * @param bytesPerMinute fitted growth of the floor
 * @param observed time span of the samples the fit used
 * @param floorBytes fitted floor now
 * @param maxBytes the old generation's (or heap's) maximum, or -1 when undefined
 * @param timeToFull when the floor reaches max at this rate, or null when max is undefined
 * @param grown classes that grew most between two histograms taken after the finding (empty when
 *     histograms are off or failed)
 */
public record LeakFinding(
    double bytesPerMinute,
    Duration observed,
    long floorBytes,
    long maxBytes,
    @Nullable Duration timeToFull,
    List<ClassGrowth> grown) {

  public LeakFinding {
    grown = List.copyOf(grown);
  }

  /** This finding with the histogram diff attached. */
  public LeakFinding withGrown(List<ClassGrowth> classes) {
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
}
