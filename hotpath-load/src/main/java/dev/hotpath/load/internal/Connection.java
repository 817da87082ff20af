package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * One client connection to the target, confined to its event loop (no locks): opens the channel
 * (and its TLS session) on demand, reopens it after the server closed it, and holds the requests
 * in flight on it. The protocol ({@link Http1Connection}, {@link Http2Connection}) decides how
 * requests are written and answers matched. Requests handed over while it connects are written as
 * soon as it is ready, keeping their intended start.
 */
abstract class Connection {
  /** The loop that owns the connection: told when the connection may take another request. */
  interface Owner {
    /** The connection finished (or failed) a request and may take another. */
    void onFree(Connection c);
  }

  private enum State { IDLE, CONNECTING, READY }

  protected final ConnectionSetup setup;
  protected final Owner owner;
  private final Bootstrap bootstrap;
  private State state = State.IDLE;
  private @Nullable Channel channel;
  private boolean counted; // counted as open in the recorder
  private boolean dirty;
  boolean inBatch; // the owner's: listed among the connections to flush at the end of its batch

  Connection(ConnectionSetup setup, Owner owner) {
    this.setup = setup;
    this.owner = owner;
    this.bootstrap = setup.bootstrap().clone().handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        SslHandler ssl = setup.target().newSslHandler(ch.alloc());
        if (ssl != null) {
          p.addLast(ssl);
        }
        initProtocol(ch, p);
      }
    });
  }

  /** Adds the protocol's handlers for a new channel. */
  protected abstract void initProtocol(Channel ch, ChannelPipeline p);

  /** The channel (and TLS) is up: the protocol may write now or after its own handshake. */
  protected abstract void transportReady(Channel ch);

  /** Whether another request may be handed to this connection now. */
  abstract boolean canAccept();

  /** Requests on this connection not yet answered (including those waiting for it to connect). */
  abstract int inFlight();

  /** Takes a request (intended start, endpoint, request number); writes it, or connects first. */
  abstract void send(long intendedAt, int endpoint, long seq);

  /** Fails requests written more than {@code timeoutNanos} before {@code now}. */
  abstract void sweep(long now, long timeoutNanos);

  /** Fails every request on this connection with {@code kind} (and closes it when the protocol must). */
  protected abstract void failAll(ErrorKind kind);

  /** Opens the channel now; the future completes when TCP is connected. */
  final ChannelFuture open() {
    state = State.CONNECTING;
    ChannelFuture f = bootstrap.connect(setup.target().address);
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
        transportReady(ch);
      } else {
        ssl.handshakeFuture().addListener(h -> {
          if (channel == ch) {
            if (h.isSuccess()) {
              transportReady(ch);
            } else {
              connectFailed(ch);
            }
          }
        });
      }
    });
    return f;
  }

  /** Opens the channel if it is not open or opening. */
  protected final void ensureOpen() {
    if (state == State.IDLE) {
      var unused = open();
    }
  }

  /** The protocol is ready on {@code ch}: requests may be written. */
  protected final void ready(Channel ch) {
    state = State.READY;
    if (!counted) {
      counted = true;
      setup.recorder().connectionOpened();
    }
  }

  final boolean isReady() {
    return state == State.READY;
  }

  final boolean isCurrent(Channel ch) {
    return channel == ch;
  }

  protected final @Nullable Channel readyChannel() {
    return state == State.READY ? channel : null;
  }

  private void connectFailed(Channel ch) {
    detach();
    var unused = ch.close();
    failAll(ErrorKind.CONNECT);
    owner.onFree(this);
  }

  /** Forgets the current channel (it is closed or closing) without failing anything. */
  protected final void detach() {
    channel = null;
    state = State.IDLE;
    dirty = false;
    if (counted) {
      counted = false;
      setup.recorder().connectionClosed();
    }
  }

  /** Closes the channel and fails every request on it with {@code kind}. */
  final void abort(ErrorKind kind) {
    Channel ch = channel;
    detach();
    if (ch != null) {
      var unused = ch.close();
    }
    failAll(kind);
  }

  /**
   * Marks the channel as written to. Whoever wrote flushes: the read path at the end of its read,
   * the owner at the end of its batch of sends.
   */
  protected final void markDirty() {
    dirty = true;
  }

  /** Flushes what was written since the last flush. */
  final void flush() {
    Channel ch = channel;
    if (dirty && ch != null) {
      dirty = false;
      ch.flush();
    }
  }
}
