package dev.hotpath.load.internal;

import dev.hotpath.metrics.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Real HTTP/1.1 round trips over a loopback socket on each event loop, to an in-process responder,
 * before the clock starts; then a wait, bounded, until the JIT compiler has caught up. {@link
 * EngineWarmup} compiles the parser and recorders on an in-memory channel, but the transport's own
 * read, write and flush paths only run on a real socket: without this they were compiled during the
 * first seconds of the measured window, on the generator's core (a 15 s run against nginx did 78,000,
 * 91,000, 150,000 req/s in its first three seconds and 175,000 afterwards, with P99 5 ms instead of
 * 0.4 ms — the generator's compile stalls, reported as the server's latency). Nothing is sent to the
 * target and nothing reaches the results.
 */
final class LoopbackWarmup {
  /** Round trips per loop: past C2's invocation thresholds for the per-request methods. */
  static final int ROUND_TRIPS = 30_000;
  private static final long ROUND_TRIPS_LIMIT_MS = 3_000;
  /** The compiler counts as caught up when its total time stands still this long... */
  private static final long QUIET_MS = 300;
  /** ...and is waited for at most this long (a busy machine may never look quiet). */
  private static final long QUIET_LIMIT_MS = 2_000;

  private static final byte[] REQUEST = ascii("GET /hotpath-warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  private static final byte[] RESPONSE = ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

  private LoopbackWarmup() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // compiled code is the JVM's, not the run's: later runs in one JVM (the demo, tests) skip this
  private static final AtomicBoolean DONE = new AtomicBoolean();

  /**
   * Warms each loop in turn, then waits for the compiler; once per JVM. Best effort: a loop whose
   * warm-up fails or takes too long is left as it is (the run itself is not affected).
   */
  static void run(EventLoops loops, Iterable<EventLoop> each, ExpectedStatuses expected) {
    if (DONE.getAndSet(true)) {
      return;
    }
    for (EventLoop loop : each) {
      try {
        roundTrips(loops, loop, expected, ROUND_TRIPS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | ExecutionException | TimeoutException e) {
        // e.g. loopback sockets not permitted here: the run still works, only less warm
      }
    }
    awaitCompilerQuiet();
  }

  /** {@code n} round trips on {@code loop}, one at a time, as a closed-model connection sends them. */
  static int roundTrips(EventLoops loops, EventLoop loop, ExpectedStatuses expected, int n)
      throws InterruptedException, ExecutionException, TimeoutException {
    ByteBuf request = PooledByteBufAllocator.DEFAULT.directBuffer(REQUEST.length).writeBytes(REQUEST);
    ByteBuf response = PooledByteBufAllocator.DEFAULT.directBuffer(RESPONSE.length).writeBytes(RESPONSE);
    Channel server = null;
    Channel client = null;
    try {
      server = new ServerBootstrap().group(loop).channel(loops.serverChannelType)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(new Responder(response));
            }
          })
          .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
      RunClock clock = new RunClock(Ticker.system());
      clock.begin(0, Long.MAX_VALUE / 4);
      Client c = new Client(new LoopRecorder(clock, expected), clock, request, n);
      client = new Bootstrap().group(loop).channel(loops.channelType)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new Http1ResponseParser(c))
          .connect(server.localAddress()).sync().channel();
      Channel ch = client;
      loop.execute(() -> c.start(ch));
      return c.done.get(ROUND_TRIPS_LIMIT_MS, TimeUnit.MILLISECONDS);
    } finally {
      if (client != null) {
        client.close().await(1, TimeUnit.SECONDS);
      }
      if (server != null) {
        server.close().await(1, TimeUnit.SECONDS);
      }
      request.release();
      response.release();
    }
  }

  /** Waits until the JIT's total compilation time has stood still for a moment, or the limit. */
  private static void awaitCompilerQuiet() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_LIMIT_MS);
    long last = jit.getTotalCompilationTime();
    long stillSince = System.nanoTime();
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(10);
        long now = jit.getTotalCompilationTime();
        if (now != last) {
          last = now;
          stillSince = System.nanoTime();
        } else if (System.nanoTime() - stillSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The in-process server: one canned response per complete request received. */
  private static final class Responder extends ChannelInboundHandlerAdapter {
    private final ByteBuf response;
    private long received;

    Responder(ByteBuf response) {
      this.response = response;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      received += in.readableBytes();
      in.release();
      for (; received >= REQUEST.length; received -= REQUEST.length) {
        var unused = ctx.write(response.retainedDuplicate(), ctx.voidPromise());
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** The client: records each response as a connection does and sends the next request. */
  private static final class Client implements Http1ResponseParser.Listener {
    final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final LoopRecorder recorder;
    private final RunClock clock;
    private final ByteBuf request;
    private final int n;
    private @Nullable Channel ch;
    private int answered;
    private long sentAt;

    Client(LoopRecorder recorder, RunClock clock, ByteBuf request, int n) {
      this.recorder = recorder;
      this.clock = clock;
      this.request = request;
      this.n = n;
    }

    void start(Channel channel) {
      ch = channel;
      send();
      channel.flush();
    }

    private void send() {
      Channel c = ch;
      if (c == null) {
        return;
      }
      sentAt = clock.now();
      recorder.planned(0, sentAt);
      recorder.sent(0, sentAt, REQUEST.length);
      var unused = c.write(request.retainedDuplicate(), c.voidPromise());
    }

    @Override
    public boolean expectsNoBody() {
      return false;
    }

    @Override
    public void response(int status, boolean keepAlive, long bodyBytes, @Nullable String serverTiming) {
      recorder.completed(0, sentAt, sentAt, clock.now(), status, bodyBytes, serverTiming);
      if (++answered < n) {
        send();
      } else {
        done.complete(answered);
      }
    }

    @Override
    public void protocolError(String why) {
      done.completeExceptionally(new IllegalStateException("warm-up response rejected: " + why));
    }

    @Override
    public void readComplete() {
      Channel c = ch;
      if (c != null && !done.isDone()) {
        c.flush();
      }
    }

    @Override
    public void closed() {
      done.complete(answered);
    }

    @Override
    public void failed(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }
}
