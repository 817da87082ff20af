package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.LoadShard;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one event loop and, in the open model, that loop's share of the arrival plan
 * and its bounded wait queue. Of the shard's arrivals (every {@code shard.count()}-th of the plan,
 * from {@code shard.index()}), loop {@code index} takes every {@code loops}-th; so the loops of all
 * shards together cover the plan exactly once. Everything here runs on its event loop only.
 */
final class LoopWorker implements Runnable {
  private static final int MAX_BATCH = 256; // sends per wake-up before letting I/O run

  final EventLoop loop;
  private final Engine engine;
  private final long stride; // loops × shards: the plan distance between this loop's arrivals
  final List<Connection> connections = new ArrayList<>();
  private int next; // round-robin start for finding a free connection

  // the open model's wait queue, a ring of primitives
  private final long[] qIntended;
  private final long[] qSeq;
  private final int[] qEndpoint;
  private int qHead;
  private int qSize;

  private long k; // the next plan index of this loop
  volatile boolean planDone;

  LoopWorker(EventLoop loop, Engine engine, int index, int loops, int queueCapacity, LoadShard shard) {
    this.loop = loop;
    this.engine = engine;
    this.stride = (long) loops * shard.count();
    this.qIntended = new long[queueCapacity];
    this.qSeq = new long[queueCapacity];
    this.qEndpoint = new int[queueCapacity];
    this.k = shard.planIndex(index);
  }

  void addConnection(Bootstrap base, int depth) {
    connections.add(new Connection(this, engine, base, depth));
  }

  /** Open model: handles every planned request whose time has come, then sleeps until the next. */
  @Override
  public void run() {
    if (engine.stopping) {
      planDone = true;
      return;
    }
    long now = engine.ticker.read();
    for (int batch = 0; batch < MAX_BATCH; batch++) {
      long offset = engine.plannedOffset(k);
      if (offset < 0) {
        planDone = true;
        return;
      }
      long intendedAt = engine.start + offset;
      if (intendedAt > now) {
        now = engine.ticker.read();
        if (intendedAt > now) {
          var unused = loop.schedule(this, intendedAt - now, TimeUnit.NANOSECONDS);
          return;
        }
      }
      engine.scheduled(intendedAt, now);
      dispatch(intendedAt, engine.pick(k), k);
      k += stride;
    }
    loop.execute(this); // far behind: yield to I/O, then go on
  }

  private void dispatch(long intendedAt, int endpoint, long seq) {
    engine.planned(endpoint, intendedAt);
    Connection c = freeConnection();
    if (c != null) {
      c.send(intendedAt, endpoint, seq);
    } else if (qSize < qIntended.length) {
      int tail = (qHead + qSize) % qIntended.length;
      qIntended[tail] = intendedAt;
      qSeq[tail] = seq;
      qEndpoint[tail] = endpoint;
      qSize++;
      engine.queued();
    } else {
      engine.dropped(endpoint, intendedAt);
    }
  }

  private @org.jspecify.annotations.Nullable Connection freeConnection() {
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

  /** A connection finished a request (or failed): in the open model it takes the next waiting one. */
  void onConnectionFree(Connection c) {
    if (engine.closedModel) {
      engine.closedNext(this, c);
      return;
    }
    while (qSize > 0 && c.canAccept()) {
      int i = qHead;
      qHead = (qHead + 1) % qIntended.length;
      qSize--;
      c.send(qIntended[i], qEndpoint[i], qSeq[i]);
    }
  }

  /** Closes connections whose oldest request is older than the timeout. */
  void sweepTimeouts(long timeoutNanos) {
    long now = engine.ticker.read();
    for (Connection c : connections) {
      if (c.timedOut(now, timeoutNanos)) {
        c.abort(ErrorKind.TIMEOUT);
        onConnectionFree(c);
      }
    }
  }

  int queued() {
    return qSize;
  }

  /** End of the run: what is still in flight timed out, what still waits was never sent. */
  void abandon() {
    while (qSize > 0) {
      int i = qHead;
      qHead = (qHead + 1) % qIntended.length;
      qSize--;
      engine.abandoned(qEndpoint[i], qIntended[i]);
    }
    for (Connection c : connections) {
      if (c.inFlight() > 0) {
        c.abort(ErrorKind.TIMEOUT);
      }
    }
  }
}
