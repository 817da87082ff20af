package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfilerTest {
  static volatile long sink;
  private final AtomicBoolean stop = new AtomicBoolean();
  private Thread burner;

  /** The hot method the profiles must name. */
  static long busyMethodForProfilerTest(long seed) {
    long x = seed;
    for (int i = 0; i < 1_000_000; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      x ^= (x >>> 29);
    }
    return x;
  }

  @BeforeEach
  void burn() {
    burner =
        new Thread(
            () -> {
              long s = 1;
              while (!stop.get()) {
                s = busyMethodForProfilerTest(s);
              }
              sink = s;
            },
            "burner");
    burner.start();
  }

  @AfterEach
  void stopBurning() throws InterruptedException {
    stop.set(true);
    burner.join();
  }

  @Test
  void cpuProfileNamesTheBusyMethod() throws Exception {
    Profile p = Profiler.ofDefaults().profile(ProfileEvent.CPU, Duration.ofSeconds(2), false);

    assertThat(p.collapsed()).contains("ProfilerTest.busyMethodForProfilerTest");
    String html = new String(p.toBytes(ProfileFormat.FLAMEGRAPH), StandardCharsets.UTF_8);
    assertThat(html).contains("<html").contains("busyMethodForProfilerTest");
    PprofDecoder d = PprofDecoder.decode(p.toBytes(ProfileFormat.PPROF));
    assertThat(d.sampleLocations).isNotEmpty();
    boolean named = false;
    for (int i = 0; i < d.sampleLocations.size(); i++) {
      named |= d.stack(i).stream().anyMatch(f -> f.contains("busyMethodForProfilerTest"));
    }
    assertThat(named).as("a pprof sample names the busy method").isTrue();
  }

  @Test
  void jfrEngineAlsoNamesTheBusyMethod() throws Exception {
    Profiler jfr = Profiler.builder().engine(Profiler.Engine.JFR).build();
    Profile p = jfr.profile(ProfileEvent.CPU, Duration.ofSeconds(2), true);

    assertThat(p.engine()).isEqualTo("jfr");
    assertThat(p.collapsed()).contains("ProfilerTest.busyMethodForProfilerTest");
    assertThat(p.hasJfr()).isTrue();
    assertThat(p.toBytes(ProfileFormat.JFR)).startsWith((byte) 'F', (byte) 'L', (byte) 'R', (byte) 0);
  }

  @Test
  void asyncProfilerJfrOutputIsAJfrFile() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Profiler.asyncProfilerAvailable(), "async-profiler does not load here");
    Profile p = Profiler.ofDefaults().profile(ProfileEvent.CPU, Duration.ofSeconds(1), true);
    assertThat(p.engine()).startsWith("async-profiler/");
    assertThat(p.toBytes(ProfileFormat.JFR)).startsWith((byte) 'F', (byte) 'L', (byte) 'R', (byte) 0);
  }

  @Test
  void refusesASecondProfileWhileOneRuns() throws Exception {
    Profiler profiler = Profiler.builder().engine(Profiler.Engine.JFR).build();
    CountDownLatch started = new CountDownLatch(1);
    Thread first =
        Thread.ofVirtual()
            .start(
                () -> {
                  started.countDown();
                  try {
                    profiler.profile(ProfileEvent.CPU, Duration.ofSeconds(2), false);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                });
    started.await();
    while (!profiler.busy()) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> profiler.profile(ProfileEvent.CPU, Duration.ofSeconds(1), false))
        .isInstanceOf(ProfilerBusyException.class);
    first.join();
    assertThat(profiler.busy()).isFalse();
  }

  @Test
  void capsTheDuration() {
    Profiler profiler = Profiler.builder().maxDuration(Duration.ofSeconds(10)).build();
    assertThatThrownBy(() -> profiler.profile(ProfileEvent.CPU, Duration.ofSeconds(11), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 s");
    assertThatThrownBy(() -> profiler.profile(ProfileEvent.CPU, java.time.temporal.ChronoUnit.FOREVER.getDuration(), false))
        .isInstanceOf(IllegalArgumentException.class) // not an ArithmeticException from the message
        .hasMessageContaining("10 s");
    assertThatThrownBy(() -> Profiler.builder().interval(Duration.ofSeconds(2)).build())
        .hasMessage("Profiler.interval must be in [PT0.0001S, PT1S], was PT2S");
    assertThat(profiler.busy()).isFalse();
  }
}
