package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The house configuration style (CONTRIBUTING.md) for every config of this module. */
class ConfigConventionTest {

  @Test
  void fromCopiesEverySettingAndEqualityFollowsTheValues() {
    WorkerPoolConfig w = WorkerPoolConfig.builder().workers(3).backpressure(Backpressure.REJECT)
        .blockTimeout(Duration.ofMillis(5)).build();
    assertThat(WorkerPoolConfig.from(w).build()).isEqualTo(w).hasSameHashCodeAs(w);
    assertThat(WorkerPoolConfig.from(w).workers(4).build()).isNotEqualTo(w);
    assertThat(WorkerPoolConfig.ofDefaults()).isEqualTo(WorkerPoolConfig.builder().build());

    PipelineConfig p = PipelineConfig.builder().bufferSize(7).threads(WorkerThreads.PLATFORM).build();
    assertThat(PipelineConfig.from(p).build()).isEqualTo(p).hasSameHashCodeAs(p);

    ObjectPoolConfig o = ObjectPoolConfig.builder().maxIdle(9).maxIdlePerThread(1).trackLeaks(true).build();
    assertThat(ObjectPoolConfig.from(o).build()).isEqualTo(o).hasSameHashCodeAs(o);

    BufferPoolConfig b = BufferPoolConfig.builder().minBufferSize(64).direct(true).maxIdlePerClass(3).build();
    assertThat(BufferPoolConfig.from(b).build()).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(b.toString()).contains("minBufferSize=64", "direct=true", "maxIdlePerClass=3");
  }

  @Test
  void settersRejectOnlyNullAndBuildValidates() {
    assertThatThrownBy(() -> WorkerPoolConfig.builder().blockTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("blockTimeout");
    assertThatThrownBy(() -> PipelineConfig.builder().ticker(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ticker");
    WorkerPoolConfig.Builder bad = WorkerPoolConfig.builder().workers(0); // no throw yet
    assertThatThrownBy(bad::build).hasMessage("WorkerPoolConfig.workers must be in [1, 10000], was 0");
    assertThatThrownBy(() -> BufferPoolConfig.builder().maxIdlePerClassPerThread(65).build())
        .hasMessage("BufferPoolConfig.maxIdlePerClassPerThread must be in [0, 64], was 65");
  }
}
