package dev.hotpath.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A child JVM for {@link AdminProfilerEngineTest}, so that nothing else in it has touched
 * async-profiler first. {@code admin}: starts the monitor and asks its admin endpoint for a CPU
 * profile, printing {@code ENGINE <X-Profile-Engine>}. {@code direct}: asks from the main (platform)
 * thread whether async-profiler loads here at all, printing {@code AVAILABLE true|false}.
 */
public final class AdminProfileWorkload {
  private AdminProfileWorkload() {}

  static volatile long sink;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("direct")) {
      System.out.println("AVAILABLE " + Profiler.asyncProfilerAvailable());
      return;
    }
    Thread burner = Thread.ofPlatform().daemon().start(() -> {
      long x = 1;
      while (true) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        sink = x;
      }
    });
    try (HotpathMonitor monitor =
            HotpathMonitor.start(
                MonitorConfig.builder().adminPort(0).leakDetection(false).jvmMetrics(false).build());
        HttpClient client = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + monitor.adminAddress().getPort()
          + "/debug/pprof/profile?seconds=1&format=collapsed");
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("STATUS " + r.statusCode());
      System.out.println("ENGINE " + r.headers().firstValue("X-Profile-Engine").orElse("none"));
    }
    burner.interrupt();
  }
}
