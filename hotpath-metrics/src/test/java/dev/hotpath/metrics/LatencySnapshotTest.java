package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LatencySnapshotTest {

  /** Brute force: the smallest value with at least p% of values at or below it. */
  private static long bruteForcePercentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static long[] randomLatencies(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      // log-normal-ish: mostly around 1 ms, a long tail up to seconds
      v[i] = (long) Math.exp(r.nextDouble(9, 21));
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void percentilesMatchBruteForceWithinPrecision(long seed) {
    long[] values = randomLatencies(seed, 50_000);
    LatencyRecorder recorder = new LatencyRecorder();
    for (long v : values) {
      recorder.record(v);
    }
    LatencySnapshot s = recorder.intervalSnapshot();
    long[] sorted = values.clone();
    Arrays.sort(sorted);

    assertThat(s.count()).isEqualTo(values.length);
    for (double p : new double[] {1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100}) {
      long exact = bruteForcePercentile(sorted, p);
      // HdrHistogram with 3 significant digits: within 0.1% (one bucket) of the exact value
      assertThat((double) s.percentile(p)).as("p%s", p).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(0.1));
    }
    assertThat((double) s.min()).isCloseTo(sorted[0], org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat((double) s.max()).isCloseTo(sorted[sorted.length - 1], org.assertj.core.data.Percentage.withPercentage(0.1));
    double mean = Arrays.stream(values).average().orElseThrow();
    assertThat(s.mean()).isCloseTo(mean, org.assertj.core.data.Percentage.withPercentage(0.1));
    double var = Arrays.stream(values).mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.length;
    assertThat(s.stdDev()).isCloseTo(Math.sqrt(var), org.assertj.core.data.Percentage.withPercentage(0.2));
  }

  @Test
  void mergeEqualsRecordingEverythingIntoOne() {
    long[] values = randomLatencies(7, 30_000);
    LatencyRecorder all = new LatencyRecorder();
    List<LatencySnapshot> shards = new ArrayList<>();
    for (int shard = 0; shard < 3; shard++) {
      LatencyRecorder r = new LatencyRecorder();
      for (int i = shard; i < values.length; i += 3) {
        r.record(values[i]);
      }
      shards.add(r.intervalSnapshot());
    }
    for (long v : values) {
      all.record(v);
    }
    LatencySnapshot whole = all.intervalSnapshot();

    assertThat(LatencySnapshot.merge(shards)).isEqualTo(whole);
    assertThat(shards.get(0).merge(shards.get(1)).merge(shards.get(2))).isEqualTo(whole);
    assertThat(LatencySnapshot.merge(shards).p999()).isEqualTo(whole.p999());
  }

  @Test
  void base64RoundTripIsLossless() {
    LatencySnapshot s = LatencySnapshot.of(randomLatencies(9, 10_000));
    String wire = s.toBase64();
    LatencySnapshot back = LatencySnapshot.fromBase64(wire);
    assertThat(back).isEqualTo(s);
    assertThat(back.p99()).isEqualTo(s.p99());
    assertThat(back.count()).isEqualTo(10_000);
    assertThat(LatencySnapshot.fromBase64(LatencySnapshot.empty().toBase64()).isEmpty()).isTrue();
  }

  @Test
  void badBase64IsAClearError() {
    assertThatThrownBy(() -> LatencySnapshot.fromBase64("bm90IGEgaGlzdG9ncmFt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a base64 compressed HdrHistogram");
  }

  @Test
  void emptySnapshotReportsZeros() {
    LatencySnapshot e = LatencySnapshot.empty();
    assertThat(e.count()).isZero();
    assertThat(e.p99()).isZero();
    assertThat(e.mean()).isZero();
    assertThat(e.max()).isZero();
    assertThat(e.spectrum(5)).isEmpty();
  }

  @Test
  void spectrumEndsAtTheMaximumAndIsMonotonic() {
    LatencySnapshot s = LatencySnapshot.of(randomLatencies(11, 5_000));
    List<LatencySnapshot.SpectrumPoint> points = s.spectrum(5);
    assertThat(points).isNotEmpty();
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).valueNanos()).isGreaterThanOrEqualTo(points.get(i - 1).valueNanos());
      assertThat(points.get(i).percentile()).isGreaterThanOrEqualTo(points.get(i - 1).percentile());
    }
    assertThat(points.get(points.size() - 1).percentile()).isEqualTo(100.0);
    assertThat(points.get(points.size() - 1).valueNanos()).isEqualTo(s.max());
  }

  @Test
  void percentileOutOfRangeIsRejected() {
    assertThatThrownBy(() -> LatencySnapshot.of(1).percentile(101)).hasMessageContaining("[0, 100]");
  }
}
