package dev.hotpath.load;

import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.internal.Engine;

/**
 * Runs one load test as configured and returns its {@link LoadResult}. The run happens on Netty
 * event loops (one per core, on io_uring, epoll or NIO as {@link LoadConfig#transport()} says);
 * the calling thread reports progress and builds the result.
 *
 * <p>Thread-safe: {@link #run} once, from one thread; {@link #stop()} from any thread (e.g. a
 * Ctrl-C handler) at any time — the run then drains briefly and returns what it measured, marked
 * interrupted.
 *
 * <pre>{@code
 * LoadRunner runner = new LoadRunner(config);
 * LoadResult result = runner.run(ProgressListener.NONE);
 * System.out.println(result.overall().latency());
 * }</pre>
 */
public final class LoadRunner {
  private final Engine engine;

  /**
   * Prepares a run: compiles requests, resolves the host.
   *
   * @throws IllegalArgumentException for a bad template in a request
   * @throws TargetUnreachableException if the host name cannot be resolved
   */
  public LoadRunner(LoadConfig config) {
    this.engine = Engine.prepare(config);
  }

  /**
   * Runs the load; blocks until done or stopped.
   *
   * @throws TargetUnreachableException if no connection to the target could be opened
   */
  public LoadResult run(ProgressListener listener) {
    return engine.run(listener);
  }

  /** Stops the run soon; {@link #run} then returns the results so far. */
  public void stop() {
    engine.stop();
  }
}
