package dev.hotpath.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.Transport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing allocated per request on the engine's event loop: over a closed-model run against a real
 * socket, the bytes the loop thread allocates, divided by the requests completed meanwhile, stay
 * near zero once the code is compiled (the JVM counts the bytes per thread, so the figure does not
 * depend on how busy the machine is; the window is chosen by request count, not by time). On epoll:
 * NIO allocates in the JDK (selector key sets, ByteBuffer views per write) and Netty's io_uring
 * transport allocates a descriptor per submitted read and send ({@code IoUringIoOps}, about 160 B
 * per request in all, see docs/benchmarks.md); neither is the engine's.
 */
class AllocationTest {
  private static final long WARM = 20_000;
  // with the engine warm before its clock, 60,000 requests take well under a second: samples every 50 ms
  // leave several windows (every 200 ms left none once)
  private static final long MEASURED = 30_000;
  private static final long WINDOW = 5_000;

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "EPOLL")
  void theEventLoopAllocatesNothingPerRequest(Transport transport) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(available(transport), transport + " is not available here");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<long[]> samples = new ArrayList<>(); // {completed so far, loop bytes allocated so far}
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(0))) {
      long[] completed = {0};
      new LoadRunner(LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
          .connections(8).ioThreads(1).transport(transport)
          .duration(null).maxRequests(WARM + MEASURED + 10_000).interval(Duration.ofMillis(50)).build())
          .run((i, elapsed, total, warmingUp) -> {
            completed[0] += i.completed();
            samples.add(new long[] {completed[0], loopAllocatedBytes(threads)});
          });
    }
    // After WARM requests the hot code is compiled. The figure is the least over consecutive windows
    // of WINDOW requests: what the loop allocates per wake-up (not per request) grows when a busy
    // machine makes the loop wake more often for fewer requests, and that must not read as a
    // per-request cost; a real per-request allocation shows in every window. The last samples are
    // left out (the drain closes channels).
    double least = Double.MAX_VALUE;
    long windowRequests = 0;
    int from = indexOf(samples, WARM);
    for (int to = from + 1; to < samples.size() - 1; to++) {
      long requests = samples.get(to)[0] - samples.get(from)[0];
      if (requests >= WINDOW) {
        double perRequest = (samples.get(to)[1] - samples.get(from)[1]) / (double) requests;
        if (perRequest < least) {
          least = perRequest;
          windowRequests = requests;
        }
        from = to;
      }
    }
    assertThat(windowRequests).as("no complete window of %d requests after warm-up", WINDOW).isPositive();
    assertThat(least).as("bytes allocated on the event loop per request (least of windows of %d requests)", windowRequests)
        .isLessThan(16.0); // not 0: a histogram grows now and then when a value beyond its range arrives
  }

  private static int indexOf(List<long[]> samples, long completed) {
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i)[0] >= completed) {
        return i;
      }
    }
    throw new AssertionError("the run ended before " + completed + " requests");
  }

  private static boolean available(Transport t) {
    return switch (t) {
      case EPOLL -> io.netty.channel.epoll.Epoll.isAvailable();
      case IO_URING -> io.netty.channel.uring.IoUring.isAvailable();
      default -> true;
    };
  }

  private static long loopAllocatedBytes(com.sun.management.ThreadMXBean threads) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("hotpath-load")) {
        sum += threads.getThreadAllocatedBytes(t.threadId());
      }
    }
    return sum;
  }
}
