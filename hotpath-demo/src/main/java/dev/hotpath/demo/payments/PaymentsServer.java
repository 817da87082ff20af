package dev.hotpath.demo.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotpath.db.Pool;
import dev.hotpath.db.PoolConfig;
import dev.hotpath.db.Pools;
import dev.hotpath.demo.internal.ReadyLine;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One instance of the payments service, run by the driver in a child JVM:
 * {@code POST /payments} (JSON {@code {"order","account","amount"}}, header {@code Idempotency-Key}),
 * {@code GET /payments/{id}}, {@code GET /balance/{account}}, {@code GET /health}. It prints
 * {@link ReadyLine#of(int)} once it listens.
 *
 * <p>The JDK's HTTP server, because the two modes differ exactly in what it lets us set: the naive
 * mode runs every endpoint on one fixed pool of 16 platform threads and one pool of connections (so a
 * slow gateway starves {@code /balance}); the optimized mode runs each request on its own virtual
 * thread, bounds the gateway with a bulkhead instead, and gives {@code /balance} its own connections.
 *
 * <p>Arguments: {@code --mode naive|optimized --port N --gateway URI --db JDBC-URL [--db-user U --db-password P]
 * [--queue auto|none|amqp://..] [--queue-name Q] [--name instance] [--parent-watch on]}; with
 * {@code --parent-watch} it exits when its stdin closes (the demo that started it died).
 */
public final class PaymentsServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PaymentsServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The line before the ready line that says which queue the after-charge work goes through. */
  static final String QUEUE_LINE = "payments queue=";
  /** Threads of the naive mode's one shared pool. */
  static final int NAIVE_THREADS = 16;
  /** The optimized mode's connections for {@code /balance} alone (a bulkhead). */
  static final int BALANCE_CONNECTIONS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Pool pool;
  private final @Nullable Pool workPool;
  private final Pool balancePool;
  private final PaymentStore store;
  private final PaymentHandler payments;

  private PaymentsServer(Map<String, String> args) throws IOException {
    String mode = args.getOrDefault("mode", "optimized");
    boolean naive = switch (mode) {
      case "naive" -> true;
      case "optimized" -> false;
      default -> throw new IllegalArgumentException("--mode must be naive or optimized, was " + mode);
    };
    String name = args.getOrDefault("name", "payments");
    String dbUrl = required(args, "db");
    PoolConfig.Builder poolConfig = PoolConfig.builder(dbUrl).maxOpen(naive ? 10 : 16)
        .connectionTimeout(naive ? Duration.ofSeconds(30) : Duration.ofSeconds(2));
    Optional.ofNullable(args.get("db-user")).ifPresent(poolConfig::username);
    Optional.ofNullable(args.get("db-password")).ifPresent(poolConfig::password);
    this.pool = Pools.create("payments-" + name, poolConfig.build());
    this.store = new PaymentStore(pool);
    URI gatewayUri = URI.create(required(args, "gateway"));
    if (naive) {
      payments = new NaivePayments(pool, store, new GatewayClient(gatewayUri, null), name);
      workPool = null;
      balancePool = pool;
      executor = Executors.newFixedThreadPool(NAIVE_THREADS, Thread.ofPlatform().name("http-", 0).factory());
    } else {
      // background work (outbox, reconciler) on its own 4 connections: a bulkhead, so a backlog of
      // receipts never takes the connections /balance and new payments need
      PoolConfig.Builder workConfig = PoolConfig.from(poolConfig.build()).maxOpen(4).maxIdle(4);
      Pool work = Pools.create("payments-work-" + name, workConfig.build());
      workPool = work;
      // /balance on connections of its own too: payments waiting for a connection never hold it up
      balancePool = Pools.create("payments-balance-" + name, PoolConfig.from(poolConfig.build())
          .maxOpen(BALANCE_CONNECTIONS).maxIdle(BALANCE_CONNECTIONS).build());
      PaymentStore workStore = new PaymentStore(work);
      OutboxQueue queue = OutboxQueue.open(args.getOrDefault("queue", "auto"),
          args.getOrDefault("queue-name", "hotpath-payments"), workStore, new AfterCharge(workStore, name));
      payments = new OptimizedPayments(store, workStore, new GatewayClient(gatewayUri, Duration.ofSeconds(1)), queue, name);
      executor = Executors.newVirtualThreadPerTaskExecutor();
    }
    this.server = bind(Integer.parseInt(args.getOrDefault("port", "0")));
    server.setExecutor(executor);
    server.createContext("/payments", this::payments);
    server.createContext("/balance/", this::balance);
    server.createContext("/health", exchange -> send(exchange, Reply.of(200, "{\"status\":\"up\"}")));
    server.start();
  }

  private static HttpServer bind(int port) throws IOException {
    // a restarted instance takes its old port back; the dead process's socket may linger a moment
    for (int attempt = 0; ; attempt++) {
      try {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
      } catch (BindException e) {
        if (port == 0 || attempt >= 50) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Starts an instance from command-line style {@code --name value} arguments. */
  public static PaymentsServer start(String... args) throws IOException {
    return new PaymentsServer(parse(args));
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Runs an instance until the process is killed; prints the ready line once it listens. */
  public static void main(String[] args) {
    try {
      PaymentsServer server = start(args);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      if (List.of(args).contains("--parent-watch")) {
        // started by the demo: when the demo's JVM dies, our stdin closes, and we go too (no orphans)
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
          try {
            while (System.in.read() >= 0) {
              // keep reading until the parent's end of the pipe closes
            }
          } catch (IOException e) {
            // closed either way
          }
          System.exit(0);
        });
      }
      System.out.println(QUEUE_LINE + server.payments.queueKind());
      System.out.println(ReadyLine.of(server.port()));
      System.out.flush();
    } catch (IOException | RuntimeException e) {
      System.err.println("payments: cannot start: " + e.getMessage());
      System.exit(2);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, found " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return values;
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private void payments(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if ("POST".equals(exchange.getRequestMethod()) && "/payments".equals(path)) {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String order = body.path("order").asText("");
        String account = body.path("account").asText("");
        long amount = body.path("amount").asLong(-1);
        if (order.isEmpty() || account.isEmpty() || amount <= 0) {
          send(exchange, Reply.refused(400, "bad-request", 0, "body must be {\"order\":..,\"account\":..,\"amount\":>0}"));
          return;
        }
        send(exchange, payments.pay(exchange.getRequestHeaders().getFirst("Idempotency-Key"), order, account, amount));
      } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/payments/")) {
        long id = Long.parseLong(path.substring("/payments/".length()));
        Optional<PaymentStore.Payment> p = store.byId(id);
        send(exchange, p.map(x -> Reply.of(200, PaymentHandler.json(x.id(), x.order(), x.status(), null)))
            .orElse(Reply.refused(404, "not-found", 0, "no payment " + id)));
      } else {
        send(exchange, Reply.refused(404, "not-found", 0, "no such endpoint"));
      }
    } catch (NumberFormatException e) {
      send(exchange, Reply.refused(400, "bad-request", 0, "payment id must be a number"));
    } catch (Exception e) {
      LOG.log(Level.WARNING, "payment failed", e);
      send(exchange, Reply.refused(500, "internal", 0, String.valueOf(e.getMessage())));
    }
  }

  private void balance(HttpExchange exchange) throws IOException {
    try (exchange; Connection c = balancePool.getConnection()) {
      String account = exchange.getRequestURI().getPath().substring("/balance/".length());
      send(exchange, Reply.of(200, "{\"account\":\"" + account + "\",\"balance\":" + store.balance(c, account) + "}"));
    } catch (Exception e) {
      send(exchange, Reply.refused(500, "internal", 0, String.valueOf(e.getMessage())));
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    try {
      String reason = reply.reason();
      if (reason != null) {
        exchange.getResponseHeaders().set("X-Payment-Reason", reason.toLowerCase(Locale.ROOT));
      }
      if (reply.retryAfterSeconds() > 0) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(reply.retryAfterSeconds()));
      }
      GatewaySimulator.send(exchange, reply.status(), reply.body());
    } catch (IOException e) {
      // the client went away (timed out): nothing to tell it
    }
  }

  @Override
  public void close() {
    server.stop(0);
    payments.close();
    executor.shutdownNow();
    pool.close();
    if (balancePool != pool) {
      balancePool.close();
    }
    Pool work = workPool;
    if (work != null) {
      work.close();
    }
  }
}
