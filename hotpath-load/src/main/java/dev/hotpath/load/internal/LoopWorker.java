package dev.hotpath.load.internal;

import dev.hotpath.load.HttpProtocol;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.LoadShard;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One event loop's share of the run: its connections and, in the open model, its arrivals and its
 * bounded wait queue; in the closed model, each connection's send-on-answer cycle. Of the shard's
 * arrivals (every {@code shard.count()}-th of the plan, from {@code shard.index()}), loop {@code
 * index} takes every {@code loops}-th, so the loops of all shards together cover the plan exactly
 * once. Everything here runs on its event loop only.
 */
final class LoopWorker implements Runnable, Connection.Owner {
  private static final int MAX_BATCH = 256; // sends per wake-up before letting I/O run

  private final EventLoop loop;
  private final RunClock clock;
  private final ArrivalPlan plan;
  private final LoopRecorder recorder;
  private final long thinkNanos;
  private final long stride; // loops x shards: the plan distance between this loop's arrivals
  private final List<Connection> connections = new ArrayList<>();
  private int next; // round-robin start for finding a free connection
  private @Nullable Connection[] batch = new Connection[0]; // connections written to in this batch, to flush

  // the open model's wait queue, a ring of primitives
  private final long[] qIntended;
  private final long[] qSeq;
  private final int[] qEndpoint;
  private int qHead;
  private int qSize;

  private long k; // the next plan index of this loop
  private volatile boolean planDone;

  LoopWorker(EventLoop loop, RunClock clock, ArrivalPlan plan, LoopRecorder recorder, long thinkNanos,
      int index, int loops, int queueCapacity, LoadShard shard) {
    this.loop = loop;
    this.clock = clock;
    this.plan = plan;
    this.recorder = recorder;
    this.thinkNanos = thinkNanos;
    this.stride = (long) loops * shard.count();
    this.qIntended = new long[queueCapacity];
    this.qSeq = new long[queueCapacity];
    this.qEndpoint = new int[queueCapacity];
    this.k = shard.planIndex(index);
  }

  void addConnection(ConnectionSetup setup, HttpProtocol protocol) {
    connections.add(protocol == HttpProtocol.HTTP_2 ? new Http2Connection(setup, this) : new Http1Connection(setup, this));
    batch = new Connection[connections.size()];
  }

  LoopRecorder recorder() {
    return recorder;
  }

  EventLoop loop() {
    return loop;
  }

  /** Opens every connection, on this loop; the futures complete when TCP is connected. */
  List<ChannelFuture> openAll() throws InterruptedException, ExecutionException {
    return loop.submit(() -> connections.stream().map(Connection::open).toList()).get();
  }

  /** Whether any connection is ready for requests (TLS and HTTP/2 handshakes done); read from another thread. */
  boolean anyReady() {
    return connections.stream().anyMatch(Connection::isReady);
  }

  /** Starts this loop's part of the run, and the sweep that fails requests older than the timeout. */
  void startOnLoop(long timeoutNanos) {
    long sweepMillis = Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 20));
    var unused = loop.scheduleAtFixedRate(() -> sweepTimeouts(timeoutNanos), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    loop.execute(this::start);
  }

  /** {@link #abandon}, on this loop. */
  Future<?> abandonOnLoop() {
    return loop.submit(this::abandon);
  }

  /** Whether the open model's plan for this loop is used up (or the run stopped). */
  boolean planDone() {
    return planDone;
  }

  /** Starts this loop's part: the open model's arrivals, or each connection's first closed-model requests. */
  private void start() {
    if (plan.closedModel()) {
      for (Connection c : connections) {
        fillClosed(c);
        c.flush();
      }
    } else {
      run();
    }
  }

  /** Open model: handles every planned request whose time has come, then sleeps until the next. */
  @Override
  public void run() {
    try {
      arrivals();
    } finally {
      flushBatch();
    }
  }

  private void arrivals() {
    if (clock.stopping()) {
      planDone = true;
      return;
    }
    long start = clock.start();
    long now = clock.now();
    for (int n = 0; n < MAX_BATCH; n++) {
      long offset = plan.offset(k);
      if (offset < 0) {
        planDone = true;
        return;
      }
      long intendedAt = start + offset;
      if (intendedAt - now > 0) {
        now = clock.now();
        if (intendedAt - now > 0) {
          var unused = loop.schedule(this, intendedAt - now, TimeUnit.NANOSECONDS);
          return;
        }
      }
      recorder.scheduled(intendedAt, now);
      dispatch(intendedAt, plan.pick(k), k);
      k += stride;
    }
    loop.execute(this); // far behind: yield to I/O, then go on
  }

  private void dispatch(long intendedAt, int endpoint, long seq) {
    recorder.planned(endpoint, intendedAt);
    Connection c = freeConnection();
    if (c != null) {
      sendInBatch(c, intendedAt, endpoint, seq);
    } else if (qSize < qIntended.length) {
      int tail = (qHead + qSize) % qIntended.length;
      qIntended[tail] = intendedAt;
      qSeq[tail] = seq;
      qEndpoint[tail] = endpoint;
      qSize++;
      recorder.queued(intendedAt, qSize);
    } else {
      recorder.dropped(endpoint, intendedAt);
    }
  }

  private void sendInBatch(Connection c, long intendedAt, int endpoint, long seq) {
    c.send(intendedAt, endpoint, seq);
    if (!c.inBatch) {
      c.inBatch = true;
      for (int i = 0; i < batch.length; i++) {
        if (batch[i] == null) {
          batch[i] = c;
          break;
        }
      }
    }
  }

  /** One flush per connection written to in this batch: several requests share one system call. */
  private void flushBatch() {
    for (int i = 0; i < batch.length; i++) {
      Connection c = batch[i];
      if (c == null) {
        return;
      }
      batch[i] = null;
      c.inBatch = false;
      c.flush();
    }
  }

  private @Nullable Connection freeConnection() {
    int n = connections.size();
    // prefer ready connections, then any that may accept (it will connect)
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        Connection c = connections.get((next + i) % n);
        if (c.canAccept() && (pass == 1 || c.isReady())) {
          next = (next + i + 1) % n;
          return c;
        }
      }
    }
    return null;
  }

  /**
   * A connection finished a request (or failed): in the open model it takes the next waiting one;
   * in the closed model it sends its next request (after the think time). The caller flushes.
   */
  @Override
  public void onFree(Connection c) {
    if (plan.closedModel()) {
      if (thinkNanos > 0) {
        if (clock.sending()) {
          var unused = loop.schedule(() -> {
            closedSend(c);
            c.flush();
          }, thinkNanos, TimeUnit.NANOSECONDS);
        }
      } else {
        fillClosed(c);
      }
      return;
    }
    while (qSize > 0 && c.canAccept()) {
      int i = qHead;
      qHead = (qHead + 1) % qIntended.length;
      qSize--;
      recorder.queueSize(qSize);
      c.send(qIntended[i], qEndpoint[i], qSeq[i]);
    }
  }

  /** Closed model: fills the connection's pipeline (or streams). */
  private void fillClosed(Connection c) {
    while (c.canAccept() && closedSend(c)) {
      // one more in flight
    }
  }

  private boolean closedSend(Connection c) {
    long now = clock.now();
    if (!clock.sending() || now - clock.end() >= 0 || !c.canAccept()) {
      return false;
    }
    long seq = plan.nextClosed();
    if (seq < 0) {
      return false;
    }
    int endpoint = plan.pick(seq);
    recorder.planned(endpoint, now);
    c.send(now, endpoint, seq);
    return true;
  }

  /** Fails requests older than the timeout, then flushes what that made the connections write. */
  private void sweepTimeouts(long timeoutNanos) {
    long now = clock.now();
    for (Connection c : connections) {
      c.sweep(now, timeoutNanos);
    }
    for (Connection c : connections) {
      c.flush();
    }
  }

  /** End of the run: what still waits was never sent (dropped), what is in flight timed out; every channel closes. */
  private void abandon() {
    while (qSize > 0) {
      int i = qHead;
      qHead = (qHead + 1) % qIntended.length;
      qSize--;
      recorder.dropped(qEndpoint[i], qIntended[i]);
    }
    recorder.queueSize(0);
    for (Connection c : connections) {
      c.abort(ErrorKind.TIMEOUT);
    }
  }
}
