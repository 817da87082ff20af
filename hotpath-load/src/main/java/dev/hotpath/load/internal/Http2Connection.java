package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/2 connection ({@code h2} over TLS after ALPN, {@code h2c} with prior knowledge) carrying
 * up to {@code depth} concurrent streams (fewer if the server's SETTINGS_MAX_CONCURRENT_STREAMS
 * says so). Each request keeps its own intended start, so open-model timing holds per stream.
 * Failures are told apart: a stream reset by the server ({@code stream_reset}), streams the server
 * refused with GOAWAY ({@code goaway}), a timeout while the request waited on the server's
 * flow-control window ({@code flow_control}), protocol errors, and the connection closing ({@code reset}).
 *
 * <p>Netty's {@code Http2ConnectionHandler} frames, compresses headers (HPACK) and keeps flow
 * control; this class keeps per-stream bookkeeping in primitive arrays indexed by slot.
 */
final class Http2Connection extends Connection {
  private static final int WINDOW = 1 << 20; // per stream; the connection gets 16x
  private static final byte[] EMPTY = new byte[0];

  private final int capacity;
  private final long[] intended;
  private final long[] sent; // 0 = not written yet
  private final long[] seqs;
  private final int[] endpoints;
  private final int[] streamIds;
  private final int[] statuses;
  private final long[] bodyBytes;
  private final @Nullable String[] serverTimings;
  private final boolean[] used;
  private final StreamSlots streams; // stream id -> slot, for the frames of this channel's streams
  private final byte[][] headerFrames; // per endpoint: its HEADERS frame when constant (stream id 0), else EMPTY
  private boolean tableSizeUpdate; // the server changed HPACK's table size: Netty's encoder must signal it first
  private final int[] free; // stack of free slots
  private int freeCount;
  private final int[] pending; // ring of slots waiting for the connection to be ready
  private int pendingHead;
  private int pendingSize;
  private int inFlight;
  private @Nullable Handler handler; // the current channel's
  private boolean goingAway;

  Http2Connection(ConnectionSetup setup, Owner owner) {
    super(setup, owner);
    this.capacity = setup.depth();
    this.intended = new long[capacity];
    this.sent = new long[capacity];
    this.seqs = new long[capacity];
    this.endpoints = new int[capacity];
    this.streamIds = new int[capacity];
    this.statuses = new int[capacity];
    this.bodyBytes = new long[capacity];
    this.serverTimings = new String[capacity];
    this.used = new boolean[capacity];
    this.free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    this.freeCount = capacity;
    this.pending = new int[capacity];
    this.streams = new StreamSlots(capacity);
    this.headerFrames = new byte[setup.requests().length][];
  }

  @Override
  protected void initProtocol(Channel ch, ChannelPipeline p) {
    Handler h = new Builder(new Frames(ch)).create();
    handler = h;
    goingAway = false;
    tableSizeUpdate = false;
    streams.clear();
    p.addLast(h);
  }

  @Override
  protected void transportReady(Channel ch) {
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    if (ssl != null && !ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
      setup.health().protocolError(new IllegalStateException(
          "the server did not agree to HTTP/2 over TLS (ALPN chose " + ssl.applicationProtocol() + "); run without --http2"));
      abort(ErrorKind.CONNECT);
      owner.onFree(this);
    }
    // ready once the server's SETTINGS arrive (its stream limit is known then)
  }

  @Override
  boolean canAccept() {
    if (freeCount == 0 || goingAway) {
      return false;
    }
    Handler h = handler;
    return h == null || !isReady() || inFlight < h.connection().local().maxActiveStreams();
  }

  @Override
  int inFlight() {
    return inFlight;
  }

  @Override
  void send(long intendedAt, int endpoint, long seq) {
    int slot = free[--freeCount];
    used[slot] = true;
    intended[slot] = intendedAt;
    sent[slot] = 0;
    seqs[slot] = seq;
    endpoints[slot] = endpoint;
    streamIds[slot] = 0;
    statuses[slot] = 0;
    bodyBytes[slot] = 0;
    serverTimings[slot] = null;
    inFlight++;
    Handler h = handler;
    if (isReady() && h != null) {
      write(h, slot);
    } else {
      pending[(pendingHead + pendingSize++) % capacity] = slot;
      ensureOpen();
    }
  }

  private void write(Handler h, int slot) {
    ChannelHandlerContext ctx = h.context();
    int endpoint = endpoints[slot];
    byte[] frame = headerFrame(endpoint);
    int streamId = h.connection().local().incrementAndGetNextStreamId();
    streamIds[slot] = streamId;
    sent[slot] = setup.clock().now();
    if (frame.length > 0 && !tableSizeUpdate) {
      writeConstant(h, ctx, slot, streamId, frame);
    } else {
      tableSizeUpdate = false;
      writeEncoded(h, ctx, slot, streamId);
    }
  }

  /**
   * A constant request without a body: its HEADERS frame, encoded once, copied with this stream's id,
   * and the stream opened half-closed in Netty's connection as its encoder would (flow control,
   * stream limits and GOAWAY stay Netty's), without a promise or HPACK work per request.
   */
  private void writeConstant(Handler h, ChannelHandlerContext ctx, int slot, int streamId, byte[] frame) {
    Http2Stream stream;
    try {
      stream = h.connection().local().createStream(streamId, true);
    } catch (Http2Exception e) {
      refused(ctx, slot, e);
      return;
    }
    stream.headersSent(false);
    streams.put(streamId, slot);
    ByteBuf buf = ctx.alloc().buffer(frame.length).writeBytes(frame);
    buf.setInt(5, streamId);
    var unused = ctx.write(buf, ctx.voidPromise()); // a failed write closes the channel: its streams fail then
    setup.recorder().sent(endpoints[slot], intended[slot], 0);
    markDirty();
  }

  private void writeEncoded(Handler h, ChannelHandlerContext ctx, int slot, int streamId) {
    CompiledRequest r = setup.requests()[endpoints[slot]];
    long seq = seqs[slot];
    byte[] body = r.h2Body(seq);
    Http2Headers headers = r.h2Headers(seq, body.length);
    ChannelPromise p = ctx.newPromise();
    var unused = h.encoder().writeHeaders(ctx, streamId, headers, 0, body.length == 0, p);
    Http2Stream stream = h.connection().stream(streamId);
    if (stream == null || (p.isDone() && !p.isSuccess())) {
      refused(ctx, slot, p.cause());
      return;
    }
    streams.put(streamId, slot);
    if (body.length > 0) {
      ByteBuf data = ctx.alloc().buffer(body.length).writeBytes(body);
      var unused2 = h.encoder().writeData(ctx, streamId, data, 0, true, ctx.newPromise());
    }
    setup.recorder().sent(endpoints[slot], intended[slot], body.length); // HTTP/2: body bytes (HPACK sizes are not exposed)
    markDirty();
  }

  /** The stream could not be opened (or its HEADERS not written): a protocol error for this request. */
  private void refused(ChannelHandlerContext ctx, int slot, @Nullable Throwable cause) {
    fail(slot, ErrorKind.PROTOCOL);
    if (cause != null) {
      setup.health().protocolError(cause);
    }
    ctx.executor().execute(() -> owner.onFree(this)); // not from here: a refill could fail the same way, recursively
  }

  /**
   * The endpoint's HEADERS frame (END_STREAM, END_HEADERS; stream id to fill in) when its request is
   * constant, has no body and fits a frame of the minimum maximum size; else an empty array.
   */
  private byte[] headerFrame(int endpoint) {
    byte[] f = headerFrames[endpoint];
    if (f == null) {
      CompiledRequest r = setup.requests()[endpoint];
      f = EMPTY;
      if (r.constantBytes() != null && r.h2Body(0).length == 0) {
        byte[] block = StatelessHpack.encode(r.h2Headers(0, 0));
        if (block.length <= Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE) {
          f = new byte[Http2CodecUtil.FRAME_HEADER_LENGTH + block.length];
          f[0] = (byte) (block.length >>> 16);
          f[1] = (byte) (block.length >>> 8);
          f[2] = (byte) block.length;
          f[3] = Http2FrameTypes.HEADERS;
          f[4] = (byte) (Http2Flags.END_STREAM | Http2Flags.END_HEADERS);
          System.arraycopy(block, 0, f, Http2CodecUtil.FRAME_HEADER_LENGTH, block.length);
        }
      }
      headerFrames[endpoint] = f;
    }
    return f;
  }

  private void becameReady(Channel ch, Handler h) {
    if (isReady() || !isCurrent(ch)) {
      return;
    }
    ready(ch);
    try {
      h.connection().local().flowController().incrementWindowSize(h.connection().connectionStream(), 15 * WINDOW);
    } catch (Http2Exception e) {
      setup.health().protocolError(e);
    }
    while (pendingSize > 0 && isReady()) {
      int slot = pending[pendingHead];
      pendingHead = (pendingHead + 1) % capacity;
      pendingSize--;
      write(h, slot);
    }
    flush();
  }

  @Override
  void sweep(long now, long timeoutNanos) {
    Handler h = handler;
    if (h == null || inFlight == 0) {
      return;
    }
    boolean freed = false;
    for (int slot = 0; slot < capacity; slot++) {
      if (streamIds[slot] != 0 && sent[slot] != 0 && now - sent[slot] > timeoutNanos) {
        int streamId = streamIds[slot];
        Http2Stream stream = h.connection().stream(streamId);
        boolean blocked = stream != null && h.encoder().flowController().hasFlowControlled(stream);
        fail(slot, blocked ? ErrorKind.FLOW_CONTROL : ErrorKind.TIMEOUT); // forgets the stream: its RST closes it quietly
        if (stream != null) {
          var unused = h.resetStream(h.context(), streamId, Http2Error.CANCEL.code(), h.context().newPromise());
          markDirty();
        }
        freed = true;
      }
    }
    if (freed) {
      closeIfGoneAway();
      owner.onFree(this);
    }
  }

  /** Ends slot's request with {@code kind} and frees the slot. */
  private void fail(int slot, ErrorKind kind) {
    setup.recorder().failed(endpoints[slot], intended[slot], kind);
    release(slot);
  }

  private void release(int slot) {
    if (streamIds[slot] != 0) {
      streams.remove(streamIds[slot]);
    }
    streamIds[slot] = 0;
    serverTimings[slot] = null;
    used[slot] = false;
    free[freeCount++] = slot;
    inFlight--;
  }

  private void complete(int slot) {
    setup.recorder().completed(endpoints[slot], intended[slot], sent[slot], setup.clock().now(), statuses[slot],
        bodyBytes[slot], serverTimings[slot]);
    release(slot);
    closeIfGoneAway();
    owner.onFree(this);
  }

  /** After GOAWAY, once the last stream is done, the connection closes; the next send opens a new one. */
  private void closeIfGoneAway() {
    if (goingAway && inFlight == 0) {
      abort(ErrorKind.GOAWAY); // nothing left to fail: this only closes and forgets the channel
    }
  }

  @Override
  protected void failAll(ErrorKind kind) {
    pendingSize = 0;
    streams.clear();
    goingAway = false; // the channel is gone: the next send opens a new one
    for (int slot = 0; slot < capacity; slot++) {
      if (used[slot]) {
        fail(slot, kind);
      }
    }
    handler = null;
  }

  /** Netty's connection handler, with the context at hand. */
  private static final class Handler extends Http2ConnectionHandler {
    private final Frames frames;
    private @Nullable ChannelHandlerContext ctx;

    Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings, Frames frames) {
      super(decoder, encoder, settings);
      this.frames = frames;
      connection().addListener(frames);
      frames.handler = this;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
      this.ctx = ctx;
      super.handlerAdded(ctx);
    }

    ChannelHandlerContext context() {
      ChannelHandlerContext c = ctx;
      if (c == null) {
        throw new IllegalStateException("not in a pipeline");
      }
      return c;
    }

    @Override
    protected void onConnectionError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
        Http2Exception http2Ex) {
      frames.connectionError(cause);
      super.onConnectionError(ctx, outbound, cause, http2Ex);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      super.channelReadComplete(ctx); // flushes what the read path wrote
      frames.readComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      frames.closing = true;
      super.channelInactive(ctx); // closes the open streams first
      frames.closed();
    }
  }

  /** Builds a client-side {@link Handler}. */
  private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Handler, Builder> {
    private final Frames frames;

    Builder(Frames frames) {
      this.frames = frames;
      server(false);
      frameListener(frames);
      initialSettings(Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(WINDOW));
      gracefulShutdownTimeoutMillis(0);
    }

    Handler create() {
      return build();
    }

    @Override
    protected Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
      return new Handler(decoder, encoder, settings, frames);
    }
  }

  /** Frame and stream events of one channel; those of a channel no longer current are ignored. */
  private final class Frames extends Http2EventAdapter {
    private final Channel ch;
    @Nullable Handler handler;
    boolean closing;
    private ErrorKind closeKind = ErrorKind.RESET;

    Frames(Channel ch) {
      this.ch = ch;
    }

    private int slot(int streamId) {
      Handler h = handler;
      return h == null || !isCurrent(ch) ? -1 : streams.get(streamId);
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
      Handler h = handler;
      if (settings.headerTableSize() != null && isCurrent(ch)) {
        tableSizeUpdate = true;
      }
      if (h != null) {
        becameReady(ch, h);
      }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
        short weight, boolean exclusive, int padding, boolean endOfStream) {
      onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
        boolean endOfStream) {
      int slot = slot(streamId);
      if (slot < 0) {
        return;
      }
      CharSequence status = headers.status();
      if (status != null && statuses[slot] == 0) { // the first final status; trailers carry none
        int s = parseStatus(status);
        if (s >= 200 || endOfStream) {
          statuses[slot] = s;
          CharSequence st = headers.get("server-timing");
          serverTimings[slot] = st == null ? null : st.toString();
        }
      }
      if (endOfStream) {
        end(slot);
      }
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
      int processed = data.readableBytes() + padding; // consumed at once: the window is given back
      int slot = slot(streamId);
      if (slot >= 0) {
        bodyBytes[slot] += data.readableBytes();
        if (endOfStream) {
          end(slot);
        }
      }
      return processed;
    }

    private void end(int slot) {
      if (statuses[slot] == 0) {
        setup.health().protocolError(new IllegalStateException("an HTTP/2 response without a :status"));
        fail(slot, ErrorKind.PROTOCOL);
        owner.onFree(Http2Connection.this);
      } else {
        complete(slot);
      }
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
      int slot = slot(streamId);
      if (slot >= 0) {
        fail(slot, ErrorKind.STREAM_RESET);
        closeIfGoneAway();
        owner.onFree(Http2Connection.this);
      }
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
      if (!isCurrent(ch)) {
        return;
      }
      goingAway = true;
      for (int slot = 0; slot < capacity; slot++) {
        if (streamIds[slot] > lastStreamId) {
          fail(slot, ErrorKind.GOAWAY);
        }
      }
      if (errorCode != Http2Error.NO_ERROR.code()) {
        setup.health().protocolError(new IllegalStateException("the server sent GOAWAY with "
            + Http2Error.valueOf(errorCode)));
      }
      closeIfGoneAway();
      owner.onFree(Http2Connection.this);
    }

    @Override
    public void onStreamClosed(Http2Stream stream) {
      Handler h = handler;
      if (h == null || !isCurrent(ch)) {
        return;
      }
      int i = streams.get(stream.id());
      if (i >= 0) {
        fail(i, closing ? closeKind : ErrorKind.PROTOCOL); // closed under us: the connection, or a stream error
        owner.onFree(Http2Connection.this);
      }
    }

    void readComplete() {
      if (isCurrent(ch)) {
        flush();
      }
    }

    void connectionError(Throwable cause) {
      if (isCurrent(ch)) {
        closeKind = ErrorKind.PROTOCOL;
        setup.health().protocolError(cause);
      }
    }

    void closed() {
      if (isCurrent(ch)) {
        abort(closeKind);
        owner.onFree(Http2Connection.this);
      }
    }
  }

  private static int parseStatus(CharSequence s) {
    if (s.length() != 3) {
      return 0;
    }
    int v = 0;
    for (int i = 0; i < 3; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return 0;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
