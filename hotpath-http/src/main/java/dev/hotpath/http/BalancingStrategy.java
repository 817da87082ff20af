package dev.hotpath.http;

/**
 * How {@link LoadBalancer} picks among the endpoints that are currently available.
 *
 * <pre>{@code
 * LoadBalancerConfig.builder().strategy(BalancingStrategy.POWER_OF_TWO_CHOICES).build();
 * }</pre>
 */
public enum BalancingStrategy {
  /** Each available endpoint in turn. Blind to load and latency: a slow endpoint gets its full share. */
  ROUND_ROBIN,
  /**
   * The endpoint with the fewest calls in flight (ties broken at random). Shifts load away from an
   * endpoint as soon as its calls pile up; needs concurrency to see anything.
   */
  LEAST_OUTSTANDING,
  /**
   * Two endpoints drawn at random, the cheaper one wins, where cost is the peak EWMA of latency
   * times (calls in flight + 1) — Finagle's and Linkerd's "P2C + peak EWMA". Sees slowness even
   * without concurrency, reacts at once to a latency spike (peak), and forgets it with the decay
   * time, so a recovered endpoint is tried again. Two random choices avoid the herd that always
   * picking the single best endpoint would cause.
   */
  POWER_OF_TWO_CHOICES
}
