package dev.hotpath.load.internal;

import io.netty.bootstrap.Bootstrap;

/**
 * What every connection of one event loop needs: the target, the run clock, the loop's recorder,
 * the health check (for protocol errors), the compiled requests, a bootstrap bound to the loop, and
 * how many requests one connection may carry at once (pipelining depth, or HTTP/2 streams).
 */
final class ConnectionSetup {
  private final Target target;
  private final RunClock clock;
  private final LoopRecorder recorder;
  private final HealthCheck health;
  private final CompiledRequest[] requests;
  private final Bootstrap bootstrap;
  private final int depth;

  ConnectionSetup(Target target, RunClock clock, LoopRecorder recorder, HealthCheck health,
      CompiledRequest[] requests, Bootstrap bootstrap, int depth) {
    this.target = target;
    this.clock = clock;
    this.recorder = recorder;
    this.health = health;
    this.requests = requests;
    this.bootstrap = bootstrap;
    this.depth = depth;
  }

  Target target() {
    return target;
  }

  RunClock clock() {
    return clock;
  }

  LoopRecorder recorder() {
    return recorder;
  }

  HealthCheck health() {
    return health;
  }

  /** The compiled requests, by endpoint index (shared, never changed). */
  CompiledRequest[] requests() {
    return requests;
  }

  Bootstrap bootstrap() {
    return bootstrap;
  }

  int depth() {
    return depth;
  }
}
