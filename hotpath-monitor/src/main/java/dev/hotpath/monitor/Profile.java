package dev.hotpath.monitor;

import dev.hotpath.monitor.internal.PprofEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import one.convert.Arguments;
import one.convert.FlameGraph;
import org.jspecify.annotations.Nullable;

/**
 * One finished profile: collapsed stacks (root-first frames joined by {@code ;}, each with its
 * sample count, bytes or nanoseconds) and, when recorded as JFR, the recording. Writes itself as
 * a flame graph, collapsed text, JFR or gzipped pprof.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Profile p = profiler.profile(ProfileEvent.CPU, Duration.ofSeconds(30));
 * try (OutputStream out = Files.newOutputStream(Path.of("cpu.pb.gz"))) { p.write(ProfileFormat.PPROF, out); }
 * }</pre>
 */
public final class Profile {
  private final ProfileEvent event;
  private final String engine;
  private final Instant start;
  private final Duration duration;
  private final long intervalNanos;
  private final Map<String, Long> stacks;
  private final byte @Nullable [] jfr;

  /**
   * A profile from its parts.
   *
   * @param engine what recorded it, e.g. {@code async-profiler/itimer} or {@code jfr}
   * @param intervalNanos sampling interval for CPU and wall profiles (0 when not sampled by time)
   */
  public Profile(
      ProfileEvent event,
      String engine,
      Instant start,
      Duration duration,
      long intervalNanos,
      Map<String, Long> stacks,
      byte @Nullable [] jfr) {
    this.event = Objects.requireNonNull(event, "event");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.start = Objects.requireNonNull(start, "start");
    this.duration = Objects.requireNonNull(duration, "duration");
    this.intervalNanos = intervalNanos;
    this.stacks = Collections.unmodifiableMap(new LinkedHashMap<>(stacks));
    this.jfr = jfr == null ? null : jfr.clone();
  }

  /** Parses collapsed-stack text ({@code a;b;c 42} per line) into a stack map. */
  public static Map<String, Long> parseCollapsed(String text) {
    Map<String, Long> stacks = new LinkedHashMap<>();
    text.lines()
        .forEach(
            line -> {
              int sp = line.lastIndexOf(' ');
              if (sp > 0) {
                try {
                  stacks.merge(line.substring(0, sp), Long.parseLong(line.substring(sp + 1).trim()), Long::sum);
                } catch (NumberFormatException ignored) {
                  // not a stack line
                }
              }
            });
    return stacks;
  }

  public ProfileEvent event() {
    return event;
  }

  /** The engine and event that recorded it, e.g. {@code async-profiler/cpu}, {@code jfr}. */
  public String engine() {
    return engine;
  }

  public Duration duration() {
    return duration;
  }

  /** Root-first stacks and their weights. */
  public Map<String, Long> stacks() {
    return stacks;
  }

  /** Whether the JFR recording is available ({@link ProfileFormat#JFR}). */
  public boolean hasJfr() {
    return jfr != null;
  }

  /** Total weight over all stacks (samples, bytes or nanoseconds). */
  public long total() {
    return stacks.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The collapsed-stack text. */
  public String collapsed() {
    StringBuilder sb = new StringBuilder();
    stacks.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    return sb.toString();
  }

  /**
   * Writes the profile in {@code format}; does not close {@code out}.
   *
   * @throws IllegalStateException for {@link ProfileFormat#JFR} when recorded without JFR
   */
  public void write(ProfileFormat format, OutputStream out) throws IOException {
    switch (format) {
      case COLLAPSED -> out.write(collapsed().getBytes(StandardCharsets.UTF_8));
      case FLAMEGRAPH -> {
        Arguments args = new Arguments();
        args.title = event.name().toLowerCase(java.util.Locale.ROOT) + " profile (" + engine + ", " + duration.toSeconds() + " s)";
        FlameGraph fg = new FlameGraph(args);
        fg.parseCollapsed(new StringReader(collapsed()));
        fg.dump(out);
      }
      case JFR -> {
        byte[] j = jfr;
        if (j == null) {
          throw new IllegalStateException("this profile was not recorded as JFR");
        }
        new ByteArrayInputStream(j).transferTo(out);
      }
      case PPROF -> writePprof(out);
    }
  }

  /** The profile in {@code format} as bytes. */
  public byte[] toBytes(ProfileFormat format) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writePprof(OutputStream out) throws IOException {
    long time = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    long interval = intervalNanos;
    switch (event) {
      case CPU, WALL -> {
        String kind = event == ProfileEvent.CPU ? "cpu" : "wall";
        PprofEncoder.write(
            stacks,
            new String[] {"samples", "count", kind, "nanoseconds"},
            v -> new long[] {v, v * interval},
            kind,
            "nanoseconds",
            interval,
            time,
            duration.toNanos(),
            out);
      }
      case ALLOC ->
          PprofEncoder.write(
              stacks, new String[] {"alloc_space", "bytes"}, v -> new long[] {v}, "space", "bytes", 0, time, duration.toNanos(), out);
      case LOCK ->
          PprofEncoder.write(
              stacks, new String[] {"delay", "nanoseconds"}, v -> new long[] {v}, "contentions", "count", 0, time, duration.toNanos(), out);
    }
  }

  @Override
  public String toString() {
    return "Profile[" + event + " via " + engine + ", " + stacks.size() + " stacks, total " + total() + "]";
  }
}
