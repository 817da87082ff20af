package dev.hotpath.load.internal;

import dev.hotpath.load.HttpProtocol;
import dev.hotpath.metrics.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the engine's per-request code paths a few thousand times on each event loop before the
 * clock starts, against canned responses on an in-memory channel and into a scratch recorder:
 * classes are loaded, the hot methods compiled, and each loop's buffer pool and object recyclers
 * primed, so the first measured requests do not pay for them (a 100 req/s run once showed an 82 ms
 * schedule lag in its first second from exactly that). Nothing is sent to the target and nothing
 * reaches the results.
 */
final class EngineWarmup {
  static final int ROUNDS = 3000;

  private static final byte[][] RESPONSES = {
    ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer-Timing: app;dur=1.5\r\n\r\nhello"),
    ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
    ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"),
  };

  private EngineWarmup() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Warms every loop in turn (each on its own thread); returns when all are done. */
  static void run(List<EventLoop> loops, CompiledRequest[] requests, ExpectedStatuses expected, HttpProtocol protocol) {
    for (EventLoop loop : loops) {
      try {
        loop.submit(() -> warm(requests, expected, protocol)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        throw new IllegalStateException("engine warm-up failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** One loop's warm-up, on the calling thread. */
  static void warm(CompiledRequest[] requests, ExpectedStatuses expected, HttpProtocol protocol) {
    RunClock clock = new RunClock(Ticker.system());
    clock.begin(0, Long.MAX_VALUE / 4);
    LoopRecorder scratch = new LoopRecorder(clock, expected);
    if (protocol == HttpProtocol.HTTP_2) {
      for (int i = 0; i < ROUNDS; i++) {
        CompiledRequest r = requests[i % requests.length];
        r.h2Headers(i, r.h2Body(i).length);
        scratch.completed(i % requests.length, clock.now(), clock.now(), clock.now(), 200, 5, null);
      }
      return;
    }
    Scratch listener = new Scratch(scratch, clock);
    EmbeddedChannel ch = new EmbeddedChannel(new Http1ResponseParser(listener));
    ByteBuf[] responses = new ByteBuf[RESPONSES.length];
    for (int i = 0; i < responses.length; i++) {
      responses[i] = ch.alloc().directBuffer(RESPONSES[i].length).writeBytes(RESPONSES[i]); // as reads get them
    }
    ByteBuf[] bytes = new ByteBuf[requests.length];
    try {
      for (int i = 0; i < ROUNDS; i++) {
        int e = i % requests.length;
        CompiledRequest r = requests[e];
        byte[] constant = r.constantBytes();
        if (constant != null && bytes[e] == null) {
          bytes[e] = PooledByteBufAllocator.DEFAULT.directBuffer(constant.length).writeBytes(constant); // as connections do
        }
        ByteBuf req = bytes[e] != null ? bytes[e].retainedDuplicate() : r.encode(ch.alloc(), i);
        listener.endpoint = e;
        listener.sentAt = clock.now();
        scratch.planned(e, listener.sentAt);
        scratch.sent(e, listener.sentAt, req.readableBytes());
        var unused = ch.writeAndFlush(req, ch.voidPromise());
        ch.releaseOutbound();
        ch.writeInbound(responses[i % responses.length].retainedDuplicate());
      }
    } finally {
      for (ByteBuf b : responses) {
        b.release();
      }
      for (ByteBuf b : bytes) {
        if (b != null) {
          b.release();
        }
      }
      ch.finishAndReleaseAll();
    }
  }

  /** Records the canned responses into the scratch recorder, as a connection would. */
  private static final class Scratch implements Http1ResponseParser.Listener {
    private final LoopRecorder recorder;
    private final RunClock clock;
    int endpoint;
    long sentAt;

    Scratch(LoopRecorder recorder, RunClock clock) {
      this.recorder = recorder;
      this.clock = clock;
    }

    @Override
    public boolean expectsNoBody() {
      return false;
    }

    @Override
    public void response(int status, boolean keepAlive, long bodyBytes, @Nullable String serverTiming) {
      recorder.completed(endpoint, sentAt, sentAt, clock.now(), status, bodyBytes, serverTiming);
    }

    @Override
    public void protocolError(String why) {
      throw new IllegalStateException("warm-up response rejected: " + why);
    }

    @Override
    public void readComplete() {}

    @Override
    public void closed() {}

    @Override
    public void failed(Throwable cause) {
      throw new IllegalStateException("warm-up failed", cause);
    }
  }
}
