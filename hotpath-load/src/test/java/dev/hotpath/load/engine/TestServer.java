package dev.hotpath.load.engine;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.collection.IntObjectHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An HTTP server for the engine's tests, speaking HTTP/1.1 and HTTP/2 with prior knowledge (h2c)
 * on the same port. Delays are deadlines in nanoseconds from the moment the request was read, kept
 * by a precise timer (epoll's timerfd on the event loop itself; on NIO, whose timer rounds up to the
 * millisecond, a dedicated timer thread) and never by a sleep, so one server serves many slow
 * requests at once and answers on time; a planned stall holds every request that arrives during it
 * until it ends.
 */
final class TestServer implements AutoCloseable {
  /** What to answer: status, delay, optional Server-Timing; decided per request path. */
  record Reply(int status, long delayNanos, String serverTiming, boolean close, boolean resetInstead,
      boolean goAwayInstead) {
    Reply(int status, long delayNanos, String serverTiming, boolean close) {
      this(status, delayNanos, serverTiming, close, false, false);
    }

    static Reply ok(long delayNanos) {
      return new Reply(200, delayNanos, "", false);
    }

    /** No answer: the stream (HTTP/2: RST_STREAM) or the connection (HTTP/1.1) is closed instead. */
    static Reply reset() {
      return new Reply(0, 0, "", false, true, false);
    }

    /**
     * HTTP/2 only: no answer; GOAWAY (NO_ERROR) whose last stream is the one before, so this stream and
     * any later one on the connection are refused while earlier ones are still answered.
     */
    static Reply goAway() {
      return new Reply(0, 0, "", false, false, true);
    }
  }

  private static final boolean EPOLL = Epoll.isAvailable();

  private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
      EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "test-server-timer");
    t.setDaemon(true);
    return t;
  });
  private final Channel server;
  final AtomicLong requests = new AtomicLong();
  final ConcurrentLinkedQueue<String> seenUris = new ConcurrentLinkedQueue<>();
  volatile boolean recordUris;
  private volatile long stallAfterNanos = -1; // after the first request: when the stall starts
  private volatile long stallNanos;
  private volatile long firstRequest;
  private volatile long stallEnd;

  TestServer(Function<String, Reply> replies) throws InterruptedException {
    server = new ServerBootstrap()
        .group(group)
        .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            HttpServerCodec http1 = new HttpServerCodec();
            ChannelHandler h2c = new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel conn) {
                conn.pipeline().addLast(h2Answerer(replies));
              }
            };
            // HTTP/1.1, or HTTP/2 when the client starts with the prior-knowledge preface
            ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1,
                new HttpServerUpgradeHandler(http1, protocol -> null), h2c), new HttpObjectAggregator(1 << 20), answerer(replies));
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
  }

  private ChannelHandler answerer(Function<String, Reply> replies) {
    return new SimpleChannelInboundHandler<FullHttpRequest>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long now = System.nanoTime();
        if (recordUris) {
          seenUris.add(req.method() + " " + req.uri() + " " + req.content().toString(StandardCharsets.UTF_8));
        }
        Reply r = replies.apply(req.uri());
        answerAt(ctx, now, r, () -> {
          if (r.resetInstead()) {
            var unused = ctx.close();
            return;
          }
          FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(r.status()), Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
          resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 5);
          if (!r.serverTiming().isEmpty()) {
            resp.headers().set("Server-Timing", r.serverTiming());
          }
          if (r.close()) {
            resp.headers().set(HttpHeaderNames.CONNECTION, "close");
            var unused = ctx.writeAndFlush(resp).addListener(f -> ctx.close());
          } else {
            var unused = ctx.writeAndFlush(resp);
          }
        });
      }
    };
  }

  /**
   * HTTP/2 straight on Netty's connection handler (no child channel, aggregator or conversion per
   * stream, so the server's own cost per request stays small): answers each stream when its request
   * has ended.
   */
  private ChannelHandler h2Answerer(Function<String, Reply> replies) {
    Http2ConnectionHandler[] handler = new Http2ConnectionHandler[1];
    IntObjectHashMap<StringBuilder> bodies = new IntObjectHashMap<>();
    IntObjectHashMap<Http2Headers> heads = new IntObjectHashMap<>();
    Http2EventAdapter frames = new Http2EventAdapter() {
      @Override
      public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
          short weight, boolean exclusive, int padding, boolean endOfStream) {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
      }

      @Override
      public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
          boolean endOfStream) {
        heads.put(streamId, headers);
        bodies.put(streamId, new StringBuilder());
        if (endOfStream) {
          request(ctx, streamId);
        }
      }

      @Override
      public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int processed = data.readableBytes() + padding;
        StringBuilder body = bodies.get(streamId);
        if (body != null) {
          body.append(data.toString(StandardCharsets.UTF_8));
        }
        if (endOfStream) {
          request(ctx, streamId);
        }
        return processed;
      }

      private void request(ChannelHandlerContext ctx, int streamId) {
        long now = System.nanoTime();
        Http2Headers h = heads.remove(streamId);
        StringBuilder body = bodies.remove(streamId);
        String uri = String.valueOf(h.path());
        if (recordUris) {
          seenUris.add(h.method() + " " + uri + " " + body);
        }
        Reply r = replies.apply(uri);
        Http2ConnectionHandler hh = handler[0];
        answerAt(ctx, now, r, () -> {
          if (r.resetInstead()) {
            var unused = hh.resetStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.newPromise());
          } else if (r.goAwayInstead()) {
            var unused = hh.goAway(ctx, Math.max(0, streamId - 2), Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER, ctx.newPromise());
          } else {
            Http2Headers resp = new DefaultHttp2Headers().status(Integer.toString(r.status())).setInt("content-length", 5);
            if (!r.serverTiming().isEmpty()) {
              resp.set("server-timing", r.serverTiming());
            }
            var unused = hh.encoder().writeHeaders(ctx, streamId, resp, 0, false, ctx.newPromise());
            var unused2 = hh.encoder().writeData(ctx, streamId,
                Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8), 0, true, ctx.newPromise());
          }
          hh.flush(ctx); // through the handler: DATA waits in its flow controller until then
        });
      }
    };
    handler[0] = new Http2ConnectionHandlerBuilder().server(true).frameListener(frames).build();
    return handler[0];
  }

  /** Runs {@code answer} on the channel's loop after the reply's delay (or the stall), counted from {@code now}. */
  private void answerAt(ChannelHandlerContext ctx, long now, Reply r, Runnable answer) {
    if (requests.getAndIncrement() == 0) {
      firstRequest = now;
    }
    long delay = r.delayNanos();
    if (stallAfterNanos >= 0) {
      long stallStart = firstRequest + stallAfterNanos;
      if (now >= stallStart && now < stallStart + stallNanos) {
        delay = Math.max(delay, stallStart + stallNanos - now);
        stallEnd = stallStart + stallNanos;
      }
    }
    if (delay <= 0) {
      answer.run();
      return;
    }
    long deadline = now + delay;
    if (EPOLL) { // epoll's timer (timerfd) fires to the nanosecond on the loop itself: one wake-up, not two
      var unused = ctx.executor().schedule(answer, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } else { // NIO rounds its timer up to the millisecond: keep the deadline on a precise thread
      var unused = timer.schedule(() -> ctx.executor().execute(answer),
          deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }

  /** Holds every request arriving between {@code after} and {@code after + length} (from the first request). */
  void stallOnce(java.time.Duration after, java.time.Duration length) {
    stallNanos = length.toNanos();
    stallAfterNanos = after.toNanos();
  }

  boolean stalled() {
    return stallEnd != 0;
  }

  int port() {
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    timer.shutdownNow();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
