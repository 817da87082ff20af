package dev.hotpath.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the process's CPU, memory, GC, threads, file descriptors and, on Linux, disk and network
 * I/O, cheaply enough to run every second (a handful of MXBean calls and two small /proc reads).
 * Off Linux the /proc figures are -1; nothing fails.
 *
 * <p>Thread-safe: {@link #sample()} is synchronized because process CPU is measured between
 * consecutive samples.
 *
 * <pre>{@code
 * ResourceSampler sampler = new ResourceSampler(Ticker.system());
 * try (AutoCloseable periodic = sampler.every(Duration.ofSeconds(1), scheduler, samples::add)) {
 *   runLoad();
 * }
 * }</pre>
 */
public final class ResourceSampler {
  private static final Path PROC_IO = Path.of("/proc/self/io");
  private static final Path PROC_NET = Path.of("/proc/net/dev");
  private static final Path PROC_FD = Path.of("/proc/self/fd");
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private final Ticker ticker;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private long lastCpuNanos = -1;
  private long lastTimestamp;

  /** A sampler timed by {@code ticker}. */
  public ResourceSampler(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Takes one reading now. */
  public synchronized ResourceSample sample() {
    long now = ticker.read();
    long cpuNanos = processCpuNanos();
    double processCpu = -1;
    if (lastCpuNanos >= 0 && cpuNanos >= 0 && now > lastTimestamp) {
      processCpu = Math.min(1.0, (cpuNanos - lastCpuNanos) / (double) ((now - lastTimestamp) * cores));
    }
    lastCpuNanos = cpuNanos;
    lastTimestamp = now;

    MemoryUsage heap = memory.getHeapMemoryUsage();
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    long[] io = readProcIo();
    long[] net = readProcNet();
    return new ResourceSample(
        now,
        processCpu,
        systemCpu(),
        cpuNanos,
        heap.getUsed(),
        heap.getCommitted(),
        heap.getMax(),
        memory.getNonHeapMemoryUsage().getUsed(),
        gcCount,
        gcMillis,
        threads.getThreadCount(),
        openFileDescriptors(),
        io[0],
        io[1],
        net[0],
        net[1]);
  }

  /**
   * Samples every {@code period} on {@code scheduler}, handing each sample to {@code sink}; close
   * the returned handle to stop. A sink that throws stops nothing: the next sample still comes.
   */
  public AutoCloseable every(Duration period, ScheduledExecutorService scheduler, Consumer<ResourceSample> sink) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be > 0, was " + period);
    }
    sample(); // baseline for the first CPU interval
    ScheduledFuture<?> task =
        scheduler.scheduleAtFixedRate(
            () -> {
              try {
                sink.accept(sample());
              } catch (RuntimeException e) {
                System.getLogger(ResourceSampler.class.getName())
                    .log(System.Logger.Level.WARNING, "resource sample sink failed", e);
              }
            },
            period.toNanos(),
            period.toNanos(),
            TimeUnit.NANOSECONDS);
    return () -> task.cancel(false);
  }

  private long processCpuNanos() {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private double systemCpu() {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double load = sun.getCpuLoad();
      return load < 0 ? -1 : load;
    }
    return -1;
  }

  private long openFileDescriptors() {
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    if (Files.isDirectory(PROC_FD)) {
      try (var s = Files.list(PROC_FD)) {
        return s.count();
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return -1;
  }

  /** {read_bytes, write_bytes} from /proc/self/io, or -1s. */
  static long[] readProcIo() {
    long[] out = {-1, -1};
    try {
      for (String line : Files.readAllLines(PROC_IO)) {
        if (line.startsWith("read_bytes:")) {
          out[0] = Long.parseLong(line.substring(11).strip());
        } else if (line.startsWith("write_bytes:")) {
          out[1] = Long.parseLong(line.substring(12).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: report unknown
    }
    return out;
  }

  /** {received, sent} bytes summed over every interface in /proc/net/dev, or -1s. */
  static long[] readProcNet() {
    try {
      return parseProcNetDev(Files.readAllLines(PROC_NET));
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  static long[] parseProcNetDev(List<String> lines) {
    long rx = 0;
    long tx = 0;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // the two header lines
      }
      String[] f = WHITESPACE.split(line.substring(colon + 1).trim(), -1);
      if (f.length >= 9) {
        rx += Long.parseLong(f[0]);
        tx += Long.parseLong(f[8]);
      }
    }
    return new long[] {rx, tx};
  }
}
