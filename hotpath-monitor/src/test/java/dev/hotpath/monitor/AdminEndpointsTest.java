package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {
  static final String TOKEN = "s3cret-token-0123456789";
  static HotpathMonitor monitor;
  static HttpClient client;
  static String base;

  @BeforeAll
  static void start() {
    monitor =
        HotpathMonitor.start(
            MonitorConfig.builder()
                .adminHost("0.0.0.0")
                .adminPort(0)
                .bearerToken(TOKEN)
                .maxProfileDuration(Duration.ofSeconds(5))
                .leakDetection(false)
                .build());
    client = HttpClient.newHttpClient();
    base = "http://" + reachableAddress() + ":" + monitor.adminAddress().getPort();
  }

  /** A non-loopback address of this machine when there is one: the point is binding off loopback. */
  static String reachableAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
          .findFirst()
          .map(InetAddress::getHostAddress)
          .orElse("127.0.0.1");
    } catch (java.net.SocketException e) {
      return "127.0.0.1";
    }
  }

  @AfterAll
  static void stop() {
    monitor.close();
    client.close();
  }

  static HttpResponse<byte[]> get(String path, boolean withToken) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (withToken) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void refusesProfilesAndDumpsWithoutTheToken() throws Exception {
    for (String path : new String[] {"/debug/pprof/heap", "/debug/pprof/threads", "/debug/pprof/profile?seconds=1", "/debug/pprof/heap?dump=1"}) {
      HttpResponse<byte[]> r = get(path, false);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
    HttpRequest wrong =
        HttpRequest.newBuilder(URI.create(base + "/debug/pprof/heap")).header("Authorization", "Bearer nope").build();
    assertThat(client.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
  }

  @Test
  void servesDumpsWithTheToken() throws Exception {
    HttpResponse<byte[]> heap = get("/debug/pprof/heap", true);
    assertThat(heap.statusCode()).isEqualTo(200);
    assertThat(text(heap)).contains("#instances").contains("java.lang.String");
    HttpResponse<byte[]> threads = get("/debug/pprof/threads", true);
    assertThat(text(threads)).contains("\"main\"");
    HttpResponse<byte[]> dump = get("/debug/pprof/heap?dump=1", true);
    assertThat(dump.statusCode()).isEqualTo(200);
    assertThat(new String(dump.body(), 0, 12, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE");
  }

  @Test
  void metricsAndHealthNeedNoToken() throws Exception {
    monitor.requestTiming(); // registry exists
    HttpResponse<byte[]> metrics = get("/metrics", false);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(text(metrics)).contains("jvm_memory_used_bytes").contains("process_files_open_files");
    assertThat(text(get("/health", false))).contains("UP");
    assertThat(text(get("/debug/pprof/", false))).contains("profile").contains("allocs");
  }

  @Test
  void profilesInEachFormat() throws Exception {
    HttpResponse<byte[]> collapsed = get("/debug/pprof/profile?seconds=1&format=collapsed", true);
    assertThat(collapsed.statusCode()).isEqualTo(200);
    assertThat(collapsed.headers().firstValue("X-Profile-Engine")).isPresent();
    HttpResponse<byte[]> pprof = get("/debug/pprof/wall?seconds=1", true);
    assertThat(pprof.statusCode()).isEqualTo(200);
    assertThat(PprofDecoder.decode(pprof.body()).sampleLocations).isNotEmpty();
    HttpResponse<byte[]> flame = get("/debug/pprof/allocs?seconds=1&format=flamegraph", true);
    assertThat(text(flame)).contains("<html");
  }

  @Test
  void tooLongOrBadProfilesGetAClear400() throws Exception {
    HttpResponse<byte[]> tooLong = get("/debug/pprof/profile?seconds=600", true);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(text(tooLong)).isEqualTo("seconds must be a whole number within [1, 5], was '600'\n");
    assertThat(get("/debug/pprof/profile?seconds=1&format=svg", true).statusCode()).isEqualTo(400);
    assertThat(get("/debug/pprof/nothing", true).statusCode()).isEqualTo(404);
  }

  @Test
  void aSecondsValueThatIsNoNumberNamesTheParameterAndTheRange() throws Exception {
    for (String bad : new String[] {"abc", "1.5", "", "99999999999999999999"}) {
      HttpResponse<byte[]> r = get("/debug/pprof/profile?seconds=" + bad, true);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(text(r)).as(bad)
          .isEqualTo("seconds must be a whole number within [1, 5], was '" + bad + "'\n");
    }
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    for (String scheme : new String[] {"bearer", "BEARER", "Bearer", "bEaReR"}) {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(base + "/debug/pprof/threads"))
              .header("Authorization", scheme + " " + TOKEN)
              .build();
      assertThat(client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode()).as(scheme).isEqualTo(200);
    }
    HttpRequest wrongCase =
        HttpRequest.newBuilder(URI.create(base + "/debug/pprof/threads"))
            .header("Authorization", "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT))
            .build();
    assertThat(client.send(wrongCase, HttpResponse.BodyHandlers.discarding()).statusCode())
        .as("the token itself is case-sensitive").isEqualTo(401);
  }

  @Test
  void aConcurrentProfileGets409() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> first =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/debug/pprof/profile?seconds=3&format=collapsed"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!monitor.profiler().busy() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    HttpResponse<byte[]> second = get("/debug/pprof/profile?seconds=1", true);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(text(second)).contains("already running");
    assertThat(first.get().statusCode()).isEqualTo(200);
  }

  @Test
  void refusesToBindOffLoopbackWithoutAToken() {
    assertThatThrownBy(() -> MonitorConfig.builder().adminHost("0.0.0.0").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MonitorConfig.adminHost must be a loopback address unless bearerToken is set"
            + " (hotpath.monitor.token / HOTPATH_MONITOR_TOKEN), was 0.0.0.0");
    assertThat(MonitorConfig.builder().adminHost("127.0.0.1").build().bearerToken()).isEmpty();
  }
}
