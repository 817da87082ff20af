package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/** Micrometer is optional in hotpath-db: a pool without metrics needs none of it. */
class OptionalMicrometerTest {
  @Test
  void aPoolWithoutMetricsRunsWithoutMicrometerOnTheClassPath() throws Exception {
    ChildJvm.Result r = ChildJvm.run(WithoutMicrometerWorkload.class, entry -> entry.contains("micrometer"));
    assertThat(r.output()).as(r.output()).contains("ANSWER 42").contains("DIGEST 1");
    assertThat(r.exitCode()).isZero();
  }
}
