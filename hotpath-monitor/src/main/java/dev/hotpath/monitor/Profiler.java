package dev.hotpath.monitor;

import dev.hotpath.metrics.ConfigChecks;
import dev.hotpath.monitor.internal.AsyncProfilerEngine;
import dev.hotpath.monitor.internal.JfrEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * Profiles this JVM for a given time: CPU, wall-clock, allocation or lock contention, through
 * async-profiler (bundled by ap-loader) and, where its native library cannot load or no event it
 * offers starts, through JFR. For CPU it tries perf events, then {@code itimer}, then {@code
 * ctimer}, then JFR's execution samples; {@link Profile#engine()} says which one ran.
 *
 * <p>One profile at a time: a request while one runs fails at once with {@link
 * ProfilerBusyException}; a duration above the cap fails with {@link IllegalArgumentException}.
 * Thread-safe. The calling thread blocks for the duration.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.builder().maxDuration(Duration.ofMinutes(5)).build();
 * Profile p = profiler.profile(ProfileEvent.CPU, Duration.ofSeconds(30), false);
 * Files.write(Path.of("cpu.html"), p.toBytes(ProfileFormat.FLAMEGRAPH));
 * }</pre>
 */
public final class Profiler {
  /** Which engine to use. */
  public enum Engine {
    /** async-profiler where it loads, else JFR. */
    AUTO,
    /** async-profiler only (fails where it cannot load). */
    ASYNC_PROFILER,
    /** The JDK's Flight Recorder only. */
    JFR
  }

  private final Duration maxDuration;
  private final Duration interval;
  private final Engine engine;
  private final AtomicBoolean running = new AtomicBoolean();

  private Profiler(Builder b) {
    this.maxDuration = b.maxDuration;
    this.interval = b.interval;
    this.engine = b.engine;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A profiler with a 5 minute cap, a 10 ms interval and the AUTO engine. */
  public static Profiler ofDefaults() {
    return builder().build();
  }

  /** The longest profile allowed. */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** Whether a profile is running now. */
  public boolean busy() {
    return running.get();
  }

  /** Whether async-profiler's native library loads in this JVM. */
  public static boolean asyncProfilerAvailable() {
    return AsyncProfilerEngine.get() != null;
  }

  /**
   * Records one profile, blocking for {@code duration}.
   *
   * @param jfr record a JFR file too ({@link ProfileFormat#JFR}); its stacks are then not collected
   *     by async-profiler, so ask for JFR only when you want that format
   * @throws ProfilerBusyException when another profile is running
   * @throws IllegalArgumentException when duration is not within (0, maxDuration]
   */
  public Profile profile(ProfileEvent event, Duration duration, boolean jfr)
      throws IOException, InterruptedException {
    Objects.requireNonNull(event, "event");
    if (duration.isNegative() || duration.isZero() || duration.compareTo(maxDuration) > 0) {
      throw new IllegalArgumentException(
          "profile duration must be within (0, " + maxDuration.toSeconds() + " s], was " + duration);
    }
    if (!running.compareAndSet(false, true)) {
      throw new ProfilerBusyException("a profile is already running; one at a time");
    }
    try {
      Instant start = Instant.now();
      AsyncProfilerEngine ap = engine == Engine.JFR ? null : AsyncProfilerEngine.get();
      if (ap == null && engine == Engine.ASYNC_PROFILER) {
        throw new IOException(AsyncProfilerEngine.onClassPath()
            ? "async-profiler cannot load in this JVM (platform or permissions); use Engine.AUTO or JFR"
            : AsyncProfilerEngine.MISSING);
      }
      if (ap != null) {
        Profile p = viaAsyncProfiler(ap, event, duration, jfr, start);
        if (p != null) {
          return p;
        }
        if (engine == Engine.ASYNC_PROFILER) {
          throw new IOException("async-profiler could not start a " + event + " profile");
        }
      }
      Recording r = JfrEngine.start(event, interval);
      try {
        Thread.sleep(duration);
      } catch (InterruptedException e) {
        r.close();
        throw e;
      }
      Map.Entry<Map<String, Long>, byte[]> result = JfrEngine.stop(r, event);
      return new Profile(event, "jfr", start, duration, interval.toNanos(), result.getKey(), result.getValue());
    } finally {
      running.set(false);
    }
  }

  private @Nullable Profile viaAsyncProfiler(
      AsyncProfilerEngine ap, ProfileEvent event, Duration duration, boolean jfr, Instant start)
      throws IOException, InterruptedException {
    List<String> candidates =
        switch (event) {
          case CPU -> List.of("cpu", "itimer", "ctimer");
          case WALL -> List.of("wall");
          case ALLOC -> List.of("alloc");
          case LOCK -> List.of("lock");
        };
    boolean weighted = event == ProfileEvent.ALLOC || event == ProfileEvent.LOCK;
    long intervalNanos =
        switch (event) {
          case CPU, WALL -> interval.toNanos();
          case ALLOC, LOCK -> 0; // async-profiler's defaults (512 KiB, 10 µs)
        };
    Path file = jfr ? Files.createTempFile("hotpath-profile", ".jfr") : null;
    AsyncProfilerEngine.Session session;
    try {
      session = ap.start(candidates, intervalNanos, weighted, file);
    } catch (IOException e) {
      if (file != null) {
        Files.deleteIfExists(file);
      }
      return null;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      ap.stop(session);
      if (file != null) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
    Map<String, Long> stacks = ap.stop(session);
    byte[] bytes = file == null ? null : AsyncProfilerEngine.readAndDelete(file);
    return new Profile(event, "async-profiler/" + session.event(), start, duration, intervalNanos, stacks, bytes);
  }

  /** Builds a {@link Profiler}. */
  public static final class Builder {
    private Duration maxDuration = Duration.ofMinutes(5);
    private Duration interval = Duration.ofMillis(10);
    private Engine engine = Engine.AUTO;

    private Builder() {}

    /** Cap on one profile's duration: 1 s to 1 h (default 5 min). */
    public Builder maxDuration(Duration max) {
      this.maxDuration = Objects.requireNonNull(max, "maxDuration");
      return this;
    }

    /** Sampling interval of CPU and wall profiles: 100 µs to 1 s (default 10 ms). */
    public Builder interval(Duration interval) {
      this.interval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Which engine to use (default AUTO). */
    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Validates the settings and builds the profiler.
     *
     * @throws IllegalArgumentException naming the setting, the allowed range and the value
     */
    public Profiler build() {
      ConfigChecks.inRange("Profiler.maxDuration", maxDuration, Duration.ofSeconds(1), Duration.ofHours(1));
      ConfigChecks.inRange("Profiler.interval", interval, Duration.ofNanos(100_000), Duration.ofSeconds(1));
      return new Profiler(this);
    }
  }
}
