package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A keep-alive HTTP/1.1 connection with up to {@code depth} requests in flight (pipelining), kept
 * in primitive ring arrays. Nothing is allocated per request: a constant request's bytes are put in
 * a pooled buffer once per channel and each send writes a retained duplicate of it with a void
 * promise; responses are read by {@link Http1ResponseParser} straight from the received bytes.
 */
final class Http1Connection extends Connection {
  private final int depth;
  private final long[] intended;
  private final long[] sent; // 0 = not written yet (connecting)
  private final long[] seqs;
  private final int[] endpoints;
  private int head;
  private int size;
  private final @Nullable ByteBuf[] requestBytes; // per endpoint, for the current channel (to release)
  private final @Nullable ByteBuf[] requestTemplates; // the same, unwrapped from any leak tracker: duplicated per send

  Http1Connection(ConnectionSetup setup, Owner owner) {
    super(setup, owner);
    this.depth = setup.depth();
    this.intended = new long[depth];
    this.sent = new long[depth];
    this.seqs = new long[depth];
    this.endpoints = new int[depth];
    this.requestBytes = new ByteBuf[setup.requests().length];
    this.requestTemplates = new ByteBuf[setup.requests().length];
  }

  @Override
  protected void initProtocol(Channel ch, ChannelPipeline p) {
    p.addLast(new Http1ResponseParser(new Events(ch)));
  }

  @Override
  protected void transportReady(Channel ch) {
    ready(ch);
    for (int i = 0; i < size; i++) {
      int idx = (head + i) % depth;
      if (sent[idx] == 0) {
        write(ch, idx);
      }
    }
    flush();
  }

  @Override
  boolean canAccept() {
    return size < depth;
  }

  @Override
  int inFlight() {
    return size;
  }

  @Override
  void send(long intendedAt, int endpoint, long seq) {
    int idx = (head + size) % depth;
    intended[idx] = intendedAt;
    sent[idx] = 0;
    seqs[idx] = seq;
    endpoints[idx] = endpoint;
    size++;
    Channel ch = readyChannel();
    if (ch != null) {
      write(ch, idx);
    } else {
      ensureOpen();
    }
  }

  private void write(Channel ch, int idx) {
    int endpoint = endpoints[idx];
    ByteBuf req = bytesFor(ch, endpoint, seqs[idx]);
    sent[idx] = setup.clock().now();
    setup.recorder().sent(endpoint, intended[idx], req.readableBytes());
    var unused = ch.write(req, ch.voidPromise());
    markDirty();
  }

  /**
   * A constant request: a retained duplicate of its bytes, encoded once for this channel. The bytes
   * live in a pooled buffer because only the pooled allocator's duplicates are recycled objects
   * (the channel's default, adaptive allocator creates a new duplicate object per call); a leak
   * tracker's wrapper, when sampled, is kept for the release and bypassed for the duplicates, as
   * its duplicates would be new wrappers.
   */
  private ByteBuf bytesFor(Channel ch, int endpoint, long seq) {
    CompiledRequest r = setup.requests()[endpoint];
    byte[] constant = r.constantBytes();
    if (constant == null) {
      return r.encode(ch.alloc(), seq);
    }
    ByteBuf template = requestTemplates[endpoint];
    if (template == null) {
      ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(constant.length).writeBytes(constant);
      ByteBuf inner = b.unwrap();
      template = inner != null && inner.readableBytes() == constant.length ? inner : b;
      requestBytes[endpoint] = b;
      requestTemplates[endpoint] = template;
    }
    return template.retainedDuplicate();
  }

  private void releaseRequestBytes() {
    for (int i = 0; i < requestBytes.length; i++) {
      ByteBuf b = requestBytes[i];
      if (b != null) {
        b.release();
        requestBytes[i] = null;
        requestTemplates[i] = null;
      }
    }
  }

  @Override
  void sweep(long now, long timeoutNanos) {
    if (size > 0 && sent[head] != 0 && now - sent[head] > timeoutNanos) {
      abort(ErrorKind.TIMEOUT); // the pipelined requests behind it die with the connection
      owner.onFree(this);
    }
  }

  @Override
  protected void failAll(ErrorKind kind) {
    releaseRequestBytes();
    while (size > 0) {
      int i = head;
      head = (head + 1) % depth;
      size--;
      setup.recorder().failed(endpoints[i], intended[i], kind);
    }
  }

  /** The parser's events for one channel; events of a channel that is no longer current are ignored. */
  private final class Events implements Http1ResponseParser.Listener {
    private final Channel ch;

    Events(Channel ch) {
      this.ch = ch;
    }

    @Override
    public boolean expectsNoBody() {
      return size > 0 && setup.requests()[endpoints[head]].head;
    }

    @Override
    public void response(int status, boolean keepAlive, long bodyBytes, @Nullable String serverTiming) {
      if (!isCurrent(ch)) {
        return;
      }
      if (size == 0) {
        protocolError("a response nobody asked for");
        return;
      }
      int i = head;
      head = (head + 1) % depth;
      size--;
      setup.recorder().completed(endpoints[i], intended[i], sent[i], setup.clock().now(), status, bodyBytes, serverTiming);
      if (!keepAlive) {
        abort(ErrorKind.RESET); // pipelined requests behind this one die with the connection
      }
      owner.onFree(Http1Connection.this);
    }

    @Override
    public void protocolError(String why) {
      if (isCurrent(ch)) {
        setup.health().protocolError(new IllegalStateException(why));
        abort(ErrorKind.PROTOCOL);
        owner.onFree(Http1Connection.this);
      }
    }

    @Override
    public void readComplete() {
      if (isCurrent(ch)) {
        flush();
      }
    }

    @Override
    public void closed() {
      if (isCurrent(ch)) {
        abort(ErrorKind.RESET);
        owner.onFree(Http1Connection.this);
      }
    }

    @Override
    public void failed(Throwable cause) {
      if (!isCurrent(ch)) {
        var unused = ch.close();
        return;
      }
      if (cause instanceof DecoderException && !(cause.getCause() instanceof SSLException)) {
        protocolError(String.valueOf(cause.getMessage()));
      } else {
        abort(ErrorKind.RESET);
        owner.onFree(Http1Connection.this);
      }
    }
  }
}
