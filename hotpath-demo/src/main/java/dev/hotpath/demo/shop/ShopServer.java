package dev.hotpath.demo.shop;

import dev.hotpath.db.InspectorConfig;
import dev.hotpath.db.Pool;
import dev.hotpath.db.PoolConfig;
import dev.hotpath.db.Pools;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.demo.internal.ReadyLine;
import dev.hotpath.http.CompressionConfig;
import dev.hotpath.http.CompressionFilter;
import dev.hotpath.monitor.RequestTiming;
import dev.hotpath.monitor.TimingServletFilter;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The shop service of the e-commerce case study, run by the demo in a child JVM (so the load
 * generator shares neither its GC nor its JIT):
 *
 * <pre>
 * java dev.hotpath.demo.shop.ShopServer --port 0 --jdbc-url jdbc:postgresql://127.0.0.1/test \
 *     --jdbc-user postgres --redis none --fixes all [--seed 42] [--scale 1.0] [--schema hotpath_shop]
 * </pre>
 *
 * <p>It seeds the data when needed ({@link ShopData#ensureSeeded}), creates or drops the secondary
 * indexes as {@link Fix#INDEXES} says, starts listening, and only then prints {@link ReadyLine} on
 * stdout. Logs go to stderr. It stops cleanly on SIGTERM or when its stdin closes (the harness
 * holds it open; a dead harness thus never leaves a server behind). Bad options: one line on
 * stderr, exit status 2. Any other start failure: exit status 1.
 *
 * <p>The HTTP server is Jetty 12 (ee10 servlets) rather than the JDK's {@code HttpServer}: the
 * optimized mode answers from memory, so the server must not be what limits it (the JDK server
 * multiplexes every connection through one dispatcher thread), and hotpath's {@link
 * CompressionFilter} is a servlet filter.
 * The monitor's {@link TimingServletFilter} (Server-Timing with {@code db} and {@code cache}
 * entries) and the {@link QueryInspector} are on in every mode, so the modes differ only by fixes.
 */
public final class ShopServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.hotpath.demo.shop");
  /** Request threads; also the most connections the naive mode opens at once. */
  static final int THREADS = 32;
  /** Pool size: two cores, so a few connections keep the database busy without queueing in it. */
  static final int POOL_SIZE = 8;

  private final Server server;
  private final @Nullable Pool pool;
  private final @Nullable ShopCache cache;
  private final @Nullable RedisClient redis;
  private final ShopStats stats;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ShopServer(Server server, @Nullable Pool pool, @Nullable ShopCache cache, @Nullable RedisClient redis,
      ShopStats stats) {
    this.server = server;
    this.pool = pool;
    this.cache = cache;
    this.redis = redis;
    this.stats = stats;
  }

  /** Runs the server until SIGTERM or stdin closes. */
  public static void main(String[] args) {
    ShopOptions options;
    try {
      options = ShopOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("shop: " + e.getMessage());
      System.exit(2);
      return;
    }
    ShopServer shop;
    try {
      shop = start(options);
    } catch (Exception e) {
      System.err.println("shop: could not start: " + e);
      LOG.log(System.Logger.Level.DEBUG, "start failure", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shop::close, "shop-shutdown"));
    System.out.println(ReadyLine.of(shop.port()));
    System.out.flush();
    Thread stdin = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // the harness writes nothing; EOF means it is gone
        }
      } catch (IOException e) {
        // treated as closed
      }
      shop.close();
      System.exit(0);
    }, "shop-stdin");
    stdin.setDaemon(true);
    stdin.start();
  }

  /** Seeds if needed, applies the fixes and starts listening; the caller closes the server. */
  static ShopServer start(ShopOptions o) throws Exception {
    long t0 = System.nanoTime();
    ShopData.SeedResult seeded =
        ShopData.ensureSeeded(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword(), o.schema(), o.seed(), o.scale());
    String url = ShopData.withSchema(o.jdbcUrl(), o.schema());
    try (Connection c = ShopData.connect(url, o.jdbcUser(), o.jdbcPassword())) {
      ShopData.applyIndexes(c, o.schema(), o.has(Fix.INDEXES));
    }
    LOG.log(System.Logger.Level.INFO, "shop: data " + (seeded.reused() ? "reused" : "seeded") + " in "
        + seeded.took().toMillis() + " ms, fixes " + Fix.format(o.fixes()) + ", ready after "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");

    Pool pool = null;
    DataSource raw;
    if (o.has(Fix.POOL)) {
      PoolConfig.Builder pc = PoolConfig.builder(url).maxOpen(POOL_SIZE).maxIdle(POOL_SIZE);
      if (o.jdbcUser() != null) {
        pc.username(o.jdbcUser());
      }
      if (o.jdbcPassword() != null) {
        pc.password(o.jdbcPassword());
      }
      pool = Pools.create("shop", pc.build());
      raw = pool;
    } else {
      raw = new DriverManagerDataSource(url, o.jdbcUser(), o.jdbcPassword());
    }
    QueryInspector inspector = QueryInspector.create(InspectorConfig.builder()
        .slowQueryThreshold(Duration.ofSeconds(5)).build());
    DataSource ds = inspector.wrap(raw);
    ShopStore store = o.has(Fix.NO_N_PLUS_ONE)
        ? new JoiningStore(ds, Clock.systemUTC())
        : new LoopingStore(ds, Clock.systemUTC());
    RedisClient redis = null;
    ShopCache cache = null;
    if (o.has(Fix.CACHE)) {
      if (o.redis() != null) {
        redis = RedisClient.create(o.redis());
      }
      cache = new ShopCache(redis);
    }
    ShopStats stats = new ShopStats(inspector, cache, Fix.format(o.fixes()));

    QueuedThreadPool threads = new QueuedThreadPool(THREADS, 4);
    threads.setName("shop");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(o.port());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    RequestTiming timing = RequestTiming.builder(new SimpleMeterRegistry())
        .slowThreshold(Duration.ofSeconds(5)).build();
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    context.addFilter(new FilterHolder(new TimingServletFilter(timing)), "/*", request);
    if (o.has(Fix.COMPRESSION)) {
      context.addFilter(new FilterHolder(new CompressionFilter(CompressionConfig.ofDefaults())), "/*", request);
    }
    context.addServlet(new ServletHolder(new ShopServlet(store, cache, stats)), "/*");
    server.setHandler(new WireBytes(context, stats));
    ShopServer shop = new ShopServer(server, pool, cache, redis, stats);
    try {
      server.start();
    } catch (Exception e) {
      shop.close();
      throw e;
    }
    return shop;
  }

  /** The port it listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  ShopStats stats() {
    return stats;
  }

  /** Stops listening, then closes the cache, Redis client and pool. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "shop: stopping Jetty failed", e);
    }
    if (cache != null) {
      cache.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
    if (pool != null) {
      pool.close();
    }
  }

  /** Counts the body bytes that go on the wire (after compression) for the shop's endpoints. */
  private static final class WireBytes extends Handler.Wrapper {
    private final ShopStats stats;

    WireBytes(Handler handler, ShopStats stats) {
      super(handler);
      this.stats = stats;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (Request.getPathInContext(request).startsWith("/_demo/")) {
        return super.handle(request, response, callback);
      }
      Response counting = new Response.Wrapper(request, response) {
        @Override
        public void write(boolean last, @Nullable ByteBuffer content, Callback cb) {
          if (content != null) {
            stats.responseBytes(content.remaining());
          }
          super.write(last, content, cb);
        }
      };
      return super.handle(request, counting, callback);
    }
  }

}
