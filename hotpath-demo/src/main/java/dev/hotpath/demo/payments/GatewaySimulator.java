package dev.hotpath.demo.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A card gateway on loopback whose behaviour follows a {@link FaultTimeline}, and which counts every
 * charge it makes per order, so a double charge is a number read here rather than a guess.
 *
 * <p>{@code POST /charges} (form body {@code order=..&amount=..}, optional {@code Idempotency-Key}
 * header) charges and answers {@code 201 {"charge":"ch_N"}}; a repeated key answers the first charge
 * again without charging, as real gateways do. {@code GET /charges?key=K} answers the charge made under
 * {@code K} or 404, which lets a service settle a payment whose outcome it never heard. Before
 * {@link #begin()} and after the timeline the gateway is healthy.
 *
 * <p>Thread-safe: requests run on virtual threads; counts are concurrent maps.
 */
public final class GatewaySimulator implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final FaultTimeline timeline;
  private final SplittableRandom random;
  private final Map<String, String> chargeByKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> chargesPerOrder = new ConcurrentHashMap<>();
  private final AtomicLong chargeIds = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private volatile long startNanos = Long.MIN_VALUE;

  private GatewaySimulator(FaultTimeline timeline, long seed) throws IOException {
    this.timeline = timeline;
    this.random = new SplittableRandom(seed);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.setExecutor(executor);
    server.createContext("/charges", this::handle);
    server.start();
  }

  /** Starts a gateway on a free loopback port; its faults begin at {@link #begin()}. */
  public static GatewaySimulator start(FaultTimeline timeline, long seed) throws IOException {
    return new GatewaySimulator(timeline, seed);
  }

  /** The gateway's base address, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts the fault timeline now. */
  public void begin() {
    startNanos = System.nanoTime();
  }

  /** Charges made per order (an order charged twice has 2). */
  public Map<String, Integer> chargesPerOrder() {
    Map<String, Integer> copy = new HashMap<>();
    chargesPerOrder.forEach((order, n) -> copy.put(order, n.get()));
    return copy;
  }

  /** Charge requests received, answered or not. */
  public long requests() {
    return requests.get();
  }

  private Optional<FaultTimeline.Window> faultNow() {
    long start = startNanos;
    if (start == Long.MIN_VALUE) {
      return Optional.empty();
    }
    return timeline.gatewayFaultAt(Duration.ofNanos(System.nanoTime() - start));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if ("GET".equals(exchange.getRequestMethod())) {
        lookup(exchange);
        return;
      }
      requests.incrementAndGet();
      Map<String, String> form = form(exchange.getRequestBody());
      String order = form.getOrDefault("order", "");
      @Nullable String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      Optional<FaultTimeline.Window> fault = faultNow();
      double roll;
      long jitter;
      synchronized (random) {
        roll = random.nextDouble();
        jitter = random.nextLong(10);
      }
      if (fault.isPresent() && fault.get().fault() == FaultTimeline.Fault.GATEWAY_DOWN) {
        // a black hole: the connection is accepted and nothing comes back until the outage ends
        sleep(Duration.ofNanos(startNanos + fault.get().end().toNanos() - System.nanoTime()));
        send(exchange, 503, "{\"error\":\"gateway unavailable\"}");
        return;
      }
      boolean slow = fault.isPresent() && fault.get().fault() == FaultTimeline.Fault.GATEWAY_SLOW;
      sleep((slow ? FaultTimeline.SLOW_LATENCY : FaultTimeline.NORMAL_LATENCY).plusMillis(slow ? jitter * 10 : jitter));
      boolean failing = fault.isPresent() && fault.get().fault() == FaultTimeline.Fault.GATEWAY_ERRORS
          && roll < FaultTimeline.ERROR_SHARE;
      if (failing && roll < FaultTimeline.ERROR_SHARE / 2) {
        send(exchange, 500, "{\"error\":\"gateway error\"}"); // failed before charging
        return;
      }
      String charge = key == null ? newCharge(order) : chargeByKey.computeIfAbsent(key, k -> newCharge(order));
      if (failing) {
        send(exchange, 500, "{\"error\":\"gateway error after charging\"}"); // the response is lost, the money is not
        return;
      }
      send(exchange, 201, "{\"charge\":\"" + charge + "\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void lookup(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String key = query == null ? "" : form(query).getOrDefault("key", "");
    @Nullable String charge = chargeByKey.get(key);
    if (charge == null) {
      send(exchange, 404, "{\"error\":\"no charge under this key\"}");
    } else {
      send(exchange, 200, "{\"charge\":\"" + charge + "\"}");
    }
  }

  private String newCharge(String order) {
    chargesPerOrder.computeIfAbsent(order, o -> new AtomicInteger()).incrementAndGet();
    return "ch_" + chargeIds.incrementAndGet();
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d);
    }
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    return form(new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    for (String pair : encoded.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
