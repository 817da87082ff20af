package dev.hotpath.monitor.internal;

import dev.hotpath.monitor.ProfileEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The fallback engine: the JDK's Flight Recorder. Turns its stack-carrying events into collapsed
 * stacks (CPU: execution samples; wall: execution and native samples; alloc: allocation samples
 * weighted by bytes; lock: monitor enters and parks weighted by duration).
 */
public final class JfrEngine {
  private JfrEngine() {}

  /** Starts a recording for {@code event}. */
  public static Recording start(ProfileEvent event, Duration interval) {
    Recording r = new Recording();
    r.setName("hotpath-" + event.name().toLowerCase(java.util.Locale.ROOT));
    switch (event) {
      case CPU -> r.enable("jdk.ExecutionSample").withPeriod(interval);
      case WALL -> {
        r.enable("jdk.ExecutionSample").withPeriod(interval);
        r.enable("jdk.NativeMethodSample").withPeriod(interval);
      }
      case ALLOC -> r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
      case LOCK -> {
        r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO);
        r.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
      }
    }
    r.setToDisk(true);
    r.start();
    return r;
  }

  /** Stops the recording and returns (stacks, JFR bytes). */
  public static Map.Entry<Map<String, Long>, byte[]> stop(Recording r, ProfileEvent event) throws IOException {
    r.stop();
    Path file = Files.createTempFile("hotpath-profile", ".jfr");
    try {
      r.dump(file);
      r.close();
      Map<String, Long> stacks = new LinkedHashMap<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) {
          continue;
        }
        long weight =
            switch (event) {
              case CPU, WALL -> 1;
              case ALLOC -> e.hasField("weight") ? e.getLong("weight") : 1;
              case LOCK -> Math.max(1, e.getDuration().toNanos());
            };
        stacks.merge(collapse(st), weight, Long::sum);
      }
      return Map.entry(stacks, Files.readAllBytes(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String collapse(RecordedStackTrace st) {
    List<RecordedFrame> frames = st.getFrames();
    StringBuilder sb = new StringBuilder();
    for (int i = frames.size() - 1; i >= 0; i--) { // JFR is leaf first
      RecordedFrame f = frames.get(i);
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(f.getMethod().getType().getName().replace('.', '/')).append('.').append(f.getMethod().getName());
    }
    return sb.toString();
  }
}
