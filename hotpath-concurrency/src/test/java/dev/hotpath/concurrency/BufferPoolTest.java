package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class BufferPoolTest {

  @Test
  void roundsUpToSizeClassesAndLimitsToTheRequest() {
    BufferPool pool =
        BufferPool.create(BufferPoolConfig.builder().minBufferSize(512).maxBufferSize(4096).build());
    assertThat(pool.sizeClassFor(0)).isEqualTo(512);
    assertThat(pool.sizeClassFor(512)).isEqualTo(512);
    assertThat(pool.sizeClassFor(513)).isEqualTo(1024);
    assertThat(pool.sizeClassFor(4096)).isEqualTo(4096);
    ByteBuffer b = pool.acquire(700);
    assertThat(b.capacity()).isEqualTo(1024);
    assertThat(b.position()).isZero();
    assertThat(b.limit()).isEqualTo(700);
    assertThat(b.isDirect()).isFalse();
  }

  @Test
  void reusesClearedBuffers() {
    BufferPool pool = BufferPool.create(BufferPoolConfig.builder().direct(true).build());
    ByteBuffer b = pool.acquire(1000);
    assertThat(b.isDirect()).isTrue();
    b.putInt(42);
    pool.release(b);
    ByteBuffer again = pool.acquire(900);
    assertThat(again).isSameAs(b);
    assertThat(again.position()).isZero();
    assertThat(again.limit()).isEqualTo(900);
    assertThat(pool.stats().get(1).reused()).isEqualTo(1);
  }

  @Test
  void oversizedRequestsAreUnpooled() {
    BufferPool pool = BufferPool.create(BufferPoolConfig.builder().maxBufferSize(1024).build());
    ByteBuffer big = pool.acquire(5000);
    assertThat(big.capacity()).isEqualTo(5000);
    pool.release(big); // ignored, no error
    assertThat(pool.acquire(5000)).isNotSameAs(big);
  }

  @Test
  void rejectsForeignBuffers() {
    BufferPool pool = BufferPool.create(BufferPoolConfig.ofDefaults());
    assertThatThrownBy(() -> pool.release(ByteBuffer.allocateDirect(1024)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did not come from this heap pool");
    assertThatThrownBy(() -> pool.release(ByteBuffer.allocate(1000)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pool.acquire(-1)).hasMessage("size must be >= 0, was -1");
  }

  @Test
  void configRejectsBadValues() {
    assertThatThrownBy(() -> BufferPoolConfig.builder().minBufferSize(1000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BufferPoolConfig.minBufferSize must be a power of two in [16, 2^30], was 1000");
    assertThatThrownBy(() -> BufferPoolConfig.builder().minBufferSize(1024).maxBufferSize(512).build())
        .hasMessageContaining("BufferPoolConfig.maxBufferSize must be a power of two in [minBufferSize=1024");
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void stressBuffersAreNeverShared(WorkerThreads threads) throws Exception {
    BufferPool pool =
        BufferPool.create(
            BufferPoolConfig.builder().minBufferSize(64).maxBufferSize(1024).maxIdlePerClass(8).build());
    Stress.run(
        threads,
        32,
        t -> {
          for (int i = 0; i < 500; i++) {
            int size = 1 + (i * 37 + t) % 1024;
            ByteBuffer b = pool.acquire(size);
            if (b.remaining() != size) {
              throw new AssertionError("remaining " + b.remaining() + " != " + size);
            }
            // fill with our id, then check nobody else wrote to it meanwhile
            while (b.hasRemaining()) {
              b.put((byte) t);
            }
            b.flip();
            while (b.hasRemaining()) {
              if (b.get() != (byte) t) {
                throw new AssertionError("buffer written by another borrower");
              }
            }
            pool.release(b);
          }
        });
    long borrowed = pool.stats().stream().mapToLong(ObjectPoolStats::borrowed).sum();
    assertThat(borrowed).isEqualTo(32 * 500);
  }
}
