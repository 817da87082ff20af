package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection, confined to its event loop (no locks). Holds up to {@code
 * depth} requests in flight (pipelining) in primitive ring arrays: nothing is allocated per request
 * for bookkeeping. Reconnects on demand after the server closes it.
 */
final class Connection extends ChannelInboundHandlerAdapter {
  private enum State { IDLE, CONNECTING, READY }

  private final LoopWorker worker;
  private final Engine engine;
  private final Bootstrap bootstrap;
  private final int depth;

  private State state = State.IDLE;
  private @Nullable Channel channel;

  // in-flight ring
  private final long[] intended;
  private final long[] sent; // 0 = not written yet (connecting)
  private final long[] seqs;
  private final int[] endpoints;
  private int head;
  private int size;

  // the response being read
  private int status;
  private boolean keepAlive;
  private boolean interim;
  private long bodyBytes;
  private @Nullable String serverTiming;

  Connection(LoopWorker worker, Engine engine, Bootstrap base, int depth) {
    this.worker = worker;
    this.engine = engine;
    this.depth = depth;
    this.intended = new long[depth];
    this.sent = new long[depth];
    this.seqs = new long[depth];
    this.endpoints = new int[depth];
    Connection self = this;
    this.bootstrap = base.clone().handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (engine.sslContext != null) {
          p.addLast(engine.sslContext.newHandler(ch.alloc(), engine.host, engine.port));
        }
        p.addLast(new ResponseDecoder(self));
        p.addLast(self);
      }
    });
  }

  @Override
  public boolean isSharable() {
    return true; // one instance serves each successive channel of this connection
  }

  /** Opens the channel now (warm start); false if it could not be started. */
  ChannelFuture open() {
    state = State.CONNECTING;
    ChannelFuture f = bootstrap.connect(engine.address);
    Channel ch = f.channel();
    channel = ch;
    f.addListener(fu -> {
      if (channel != ch) {
        return;
      }
      if (!fu.isSuccess()) {
        connectFailed(ch);
        return;
      }
      SslHandler ssl = ch.pipeline().get(SslHandler.class);
      if (ssl == null) {
        ready(ch);
      } else {
        ssl.handshakeFuture().addListener(h -> {
          if (channel != ch) {
            return;
          }
          if (h.isSuccess()) {
            ready(ch);
          } else {
            connectFailed(ch);
          }
        });
      }
    });
    return f;
  }

  boolean isReady() {
    return state == State.READY;
  }

  private void ready(Channel ch) {
    state = State.READY;
    for (int i = 0; i < size; i++) {
      int idx = (head + i) % depth;
      if (sent[idx] == 0) {
        write(ch, idx);
      }
    }
    ch.flush();
  }

  private void connectFailed(Channel ch) {
    channel = null;
    state = State.IDLE;
    var unused = ch.close();
    failAll(ErrorKind.CONNECT);
    worker.onConnectionFree(this);
  }

  /** Whether another request may be handed to this connection now. */
  boolean canAccept() {
    return size < depth;
  }

  int inFlight() {
    return size;
  }

  /** Takes a request (intended start, endpoint, sequence number); writes it or connects first. */
  void send(long intendedAt, int endpoint, long seq) {
    int idx = (head + size) % depth;
    intended[idx] = intendedAt;
    sent[idx] = 0;
    seqs[idx] = seq;
    endpoints[idx] = endpoint;
    size++;
    Channel ch = channel;
    if (state == State.READY && ch != null) {
      write(ch, idx);
      ch.flush();
    } else if (state == State.IDLE) {
      var unused = open();
    }
  }

  private void write(Channel ch, int idx) {
    ByteBuf req = engine.requests[endpoints[idx]].encode(ch.alloc(), seqs[idx]);
    long now = engine.ticker.read();
    sent[idx] = now;
    if (intended[idx] >= engine.measureStart) {
      engine.endpoints[endpoints[idx]].bytesSent.add(req.readableBytes());
    }
    var unused = ch.write(req, ch.voidPromise());
  }

  /** Whether the oldest in-flight request was written more than {@code timeoutNanos} ago. */
  boolean timedOut(long now, long timeoutNanos) {
    return size > 0 && sent[head] != 0 && now - sent[head] > timeoutNanos;
  }

  /** Closes the channel and fails every request on it with {@code kind}. */
  void abort(ErrorKind kind) {
    Channel ch = channel;
    channel = null;
    state = State.IDLE;
    if (ch != null) {
      var unused = ch.close();
    }
    failAll(kind);
  }

  private void failAll(ErrorKind kind) {
    while (size > 0) {
      int i = head;
      head = (head + 1) % depth;
      size--;
      engine.failed(endpoints[i], intended[i], kind);
    }
  }

  boolean isHeadRequest() {
    return size > 0 && engine.requests[endpoints[head]].head;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (ctx.channel() != channel) {
        return;
      }
      if (msg instanceof HttpMessage m && m.decoderResult().isFailure()) {
        protocolError(m.decoderResult().cause());
        return;
      }
      if (msg instanceof HttpResponse r) {
        status = r.status().code();
        interim = status >= 100 && status < 200;
        keepAlive = HttpUtil.isKeepAlive(r);
        serverTiming = r.headers().get("server-timing");
        bodyBytes = 0;
      }
      if (msg instanceof HttpContent c) {
        if (c.decoderResult().isFailure()) {
          protocolError(c.decoderResult().cause());
          return;
        }
        bodyBytes += c.content().readableBytes();
        if (msg instanceof LastHttpContent) {
          if (interim) {
            interim = false;
          } else {
            complete();
          }
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void protocolError(Throwable cause) {
    engine.noteProtocolError(cause);
    abort(ErrorKind.PROTOCOL);
    worker.onConnectionFree(this);
  }

  private void complete() {
    long now = engine.ticker.read();
    if (size == 0) { // a response nobody asked for
      protocolError(new IllegalStateException("unsolicited response"));
      return;
    }
    int i = head;
    head = (head + 1) % depth;
    size--;
    engine.completed(endpoints[i], intended[i], sent[i], now, status, bodyBytes, serverTiming);
    serverTiming = null;
    if (!keepAlive) {
      abort(ErrorKind.RESET); // pipelined requests behind this one die with the connection
    }
    worker.onConnectionFree(this);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (ctx.channel() == channel) {
      abort(ErrorKind.RESET);
      worker.onConnectionFree(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ctx.channel() == channel) {
      boolean protocol = cause instanceof DecoderException
          && !(cause.getCause() instanceof javax.net.ssl.SSLException);
      if (protocol) {
        protocolError(cause);
      } else {
        abort(ErrorKind.RESET);
        worker.onConnectionFree(this);
      }
    } else {
      var unused = ctx.close();
    }
  }

  /** HttpResponseDecoder that knows a response to HEAD has no body whatever its headers say. */
  private static final class ResponseDecoder extends HttpResponseDecoder {
    private final Connection connection;

    ResponseDecoder(Connection connection) {
      this.connection = connection;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
      return connection.isHeadRequest() || super.isContentAlwaysEmpty(msg);
    }
  }
}
