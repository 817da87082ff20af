package dev.hotpath.load.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.17 {@code mannwhitneyu(x, y, alternative='two-sided')}: Commons Statistics must agree. */
class MannWhitneyTest {

  @Test
  void exactWithoutTies() {
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
    assertThat(r.ties()).isFalse();
    assertThat(r.u()).isZero();
    assertThat(r.pValue()).isCloseTo(0.007936507936507936, within(1e-12));
    MannWhitney.Result r2 = MannWhitney.test(new double[] {1.1, 2.2, 3.3, 4.4}, new double[] {2.5, 3.5, 4.5, 5.5, 6.5});
    assertThat(r2.u()).isEqualTo(3);
    assertThat(r2.pValue()).isCloseTo(0.1111111111111111, within(1e-12));
    // symmetric in the order of the samples
    assertThat(MannWhitney.test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5}).pValue())
        .isCloseTo(r.pValue(), within(1e-12));
  }

  /** 30 vs 30 without ties: exact (SciPy method='exact'); the normal approximation would give 0.00367. */
  @Test
  void exactForThirtyIntervalsPerSide() {
    double[] x = {12.041, 7.444, 10.418, 9.432, 9.547, 9.784, 7.98, 9.768, 9.135, 13.323, 10.226, 9.647, 9.719, 9.332,
        8.945, 9.609, 10.482, 9.761, 10.958, 9.8, 10.024, 11.546, 10.545, 9.495, 9.817, 10.541, 11.935, 9.73, 9.756,
        11.002};
    double[] y = {9.914, 10.508, 11.683, 11.38, 10.892, 11.47, 7.972, 11.821, 9.84, 9.131, 11.076, 11.501, 10.355,
        9.724, 10.826, 10.747, 12.206, 11.547, 10.994, 11.912, 10.594, 9.874, 11.384, 11.383, 10.585, 10.017, 11.029,
        8.306, 11.49, 11.291};
    MannWhitney.Result r = MannWhitney.test(x, y);
    assertThat(r.u()).isEqualTo(253);
    assertThat(r.pValue()).isCloseTo(0.003193540818593945, within(1e-9));
  }

  @Test
  void normalApproximationWithTieCorrection() {
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 2, 3, 3, 3, 4}, new double[] {3, 4, 4, 5, 5, 6});
    assertThat(r.ties()).isTrue();
    assertThat(r.u()).isEqualTo(3.5);
    assertThat(r.pValue()).isCloseTo(0.012999854364387305, within(1e-6));
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5};
    double[] y = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4, 5, 2, 3, 5, 3, 6, 0, 2, 8, 7, 4, 7, 1, 3, 5, 2, 6, 6, 2,
        4, 9, 7, 7, 5, 7};
    MannWhitney.Result big = MannWhitney.test(x, y);
    assertThat(big.u()).isEqualTo(671.5);
    assertThat(big.pValue()).isCloseTo(0.7236047524831841, within(1e-6));
  }

  @Test
  void identicalSamplesAndEdgeCases() {
    double[] a = {5, 5, 5, 5};
    assertThat(MannWhitney.test(a, a).pValue()).isEqualTo(1.0);
    double[] b = {1, 2, 3, 4, 5, 6};
    assertThat(MannWhitney.test(b, b).pValue()).isEqualTo(1.0);
    assertThat(MannWhitney.test(new double[0], b).pValue()).isNaN();
    assertThat(MannWhitney.minimumP(4, 4)).isCloseTo(2.0 / 70, within(1e-12));
    assertThat(MannWhitney.minimumP(2, 2)).isCloseTo(1.0 / 3, within(1e-12));
  }
}
