package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.Ticker;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: with only this module and what it requires on the class
 * path — no Micrometer — the guards load and work; only {@link ResilienceMetrics} needs it.
 */
class OptionalMicrometerTest {

  @Test
  void theGuardsWorkWithoutMicrometerOnTheClassPath() throws Exception {
    URL[] path = Stream.of(CircuitBreaker.class, Ticker.class, NullMarked.class)
        .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
        .distinct().toArray(URL[]::new);
    try (URLClassLoader plain = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> plain.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      for (String guard : new String[] {"CircuitBreaker", "Bulkhead", "RateLimiter"}) {
        Class<?> type = plain.loadClass("dev.hotpath.resilience." + guard);
        Class<?> configType = plain.loadClass("dev.hotpath.resilience." + guard + "Config");
        Object config = configType.getMethod("ofDefaults").invoke(null);
        Object instance = type.getMethod("of", String.class, configType).invoke(null, guard, config);
        Callable<String> call = () -> "ok";
        assertThat(type.getMethod("call", Callable.class).invoke(instance, call)).isEqualTo("ok");
      }
    }
  }
}
