package dev.hotpath.monitor;

import dev.hotpath.metrics.ResourceSample;
import dev.hotpath.metrics.ResourceSampler;
import dev.hotpath.metrics.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds the JVM's health to a Micrometer registry, reusing Micrometer's own binders: heap and
 * pools ({@code jvm.memory.*}), GC pauses and overhead ({@code jvm.gc.*}, including {@code
 * jvm.gc.overhead}), threads, classes, CPU ({@code process.cpu.usage}, {@code system.cpu.usage}),
 * file descriptors ({@code process.files.open/max}) and uptime; adds {@code jvm.threads.deadlocked}
 * and {@link #findDeadlock()} which reports the stacks involved, and from the metrics core's
 * {@link ResourceSampler} what Micrometer lacks: disk I/O ({@code process.disk.read/written}, from
 * {@code /proc/self/io}) and network bytes ({@code system.network.received/sent}, from {@code
 * /proc/net/dev}), on Linux only.
 *
 * <p>Thread-safe. Close it to stop listening to GC notifications.
 *
 * <pre>{@code
 * try (JvmMonitor jvm = new JvmMonitor()) {
 *   jvm.bindTo(registry);
 *   jvm.findDeadlock().ifPresent(d -> log.error(d.report()));
 * }
 * }</pre>
 */
public final class JvmMonitor implements MeterBinder, AutoCloseable {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ResourceSampler sampler = new ResourceSampler(Ticker.system());
  private @org.jspecify.annotations.Nullable ResourceSample lastSample; // guarded by this
  private long lastSampleAt;

  /** A monitor of this JVM; nothing is bound until {@link #bindTo}. */
  public JvmMonitor() {}

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    JvmGcMetrics gc = new JvmGcMetrics();
    JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
    closeables.add(gc);
    closeables.add(pressure);
    FileDescriptorMetrics fds = new FileDescriptorMetrics();
    for (MeterBinder b :
        List.of(
            new ClassLoaderMetrics(),
            new JvmMemoryMetrics(),
            gc,
            pressure,
            new JvmThreadMetrics(),
            new ProcessorMetrics(),
            fds,
            new UptimeMetrics())) {
      b.bindTo(registry);
    }
    bindExtrasTo(registry);
  }

  /**
   * Binds only what Micrometer's own JVM binders lack: disk and network bytes and {@code
   * jvm.threads.deadlocked}. For registries that a framework already feeds with those binders
   * (Spring Boot's JVM metrics): binding {@code JvmGcMetrics} twice would count every GC twice.
   */
  public synchronized void bindExtrasTo(MeterRegistry registry) {
    if (sample().diskReadBytes() >= 0) {
      counter(registry, "process.disk.read", "bytes read from storage", ResourceSample::diskReadBytes);
      counter(registry, "process.disk.written", "bytes written to storage", ResourceSample::diskWriteBytes);
    }
    if (sample().netReceivedBytes() >= 0) {
      counter(registry, "system.network.received", "bytes received, all interfaces", ResourceSample::netReceivedBytes);
      counter(registry, "system.network.sent", "bytes sent, all interfaces", ResourceSample::netSentBytes);
    }
    Gauge.builder("jvm.threads.deadlocked", threads, t -> count(t.findDeadlockedThreads()))
        .description("threads deadlocked on monitors or ownable synchronizers")
        .baseUnit("threads")
        .register(registry);
  }

  private void counter(
      MeterRegistry registry, String name, String description, java.util.function.ToLongFunction<ResourceSample> f) {
    FunctionCounter.builder(name, this, m -> f.applyAsLong(m.sample()))
        .description(description)
        .baseUnit("bytes")
        .register(registry);
  }

  /** One reading shared by the meters of a scrape: resampled at most every 500 ms. */
  private synchronized ResourceSample sample() {
    long now = System.nanoTime();
    ResourceSample s = lastSample;
    if (s == null || now - lastSampleAt > 500_000_000L) {
      s = sampler.sample();
      lastSample = s;
      lastSampleAt = now;
    }
    return s;
  }

  private static double count(long @org.jspecify.annotations.Nullable [] ids) {
    return ids == null ? 0 : ids.length;
  }

  /** The current deadlock with every involved thread's stack and locks, if there is one. */
  public Optional<Deadlock> findDeadlock() {
    long[] ids = threads.findDeadlockedThreads();
    if (ids == null || ids.length == 0) {
      return Optional.empty();
    }
    ThreadInfo[] infos = threads.getThreadInfo(ids, true, true);
    List<String> names = new ArrayList<>();
    StringBuilder report = new StringBuilder("Deadlock of ").append(ids.length).append(" threads:\n");
    for (ThreadInfo info : infos) {
      if (info == null) {
        continue;
      }
      names.add(info.getThreadName());
      report
          .append('"')
          .append(info.getThreadName())
          .append("\" ")
          .append(info.getThreadState())
          .append(" waiting for ")
          .append(info.getLockName())
          .append(" held by \"")
          .append(info.getLockOwnerName())
          .append("\"\n");
      StackTraceElement[] stack = info.getStackTrace();
      MonitorInfo[] monitors = info.getLockedMonitors();
      for (int i = 0; i < stack.length; i++) {
        report.append("\tat ").append(stack[i]).append('\n');
        for (MonitorInfo m : monitors) {
          if (m.getLockedStackDepth() == i) {
            report.append("\t- locked ").append(m).append('\n');
          }
        }
      }
      for (LockInfo l : info.getLockedSynchronizers()) {
        report.append("\t- owns ").append(l).append('\n');
      }
    }
    return Optional.of(new Deadlock(names, report.toString()));
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a GC listener cannot fail in a way we could act on
      }
    }
    closeables.clear();
  }
}
