package dev.hotpath.load.internal;

import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Which request goes out when: the open model's arrival plan (request k's offset from the start),
 * the closed model's request numbering, the request budget ({@code --requests}) and the mix of
 * requests by weight (smooth weighted round-robin, deterministic). Thread-safe.
 */
final class ArrivalPlan {
  private final @Nullable RateSchedule schedule;
  private final long planTotal;
  private final long maxRequests;
  private final int[] pickTable;
  private final AtomicLong closedSeq = new AtomicLong();

  ArrivalPlan(LoadConfig config) {
    this.schedule = config.schedule();
    this.planTotal = schedule == null ? 0 : schedule.totalRequests();
    this.maxRequests = config.maxRequests();
    this.pickTable = smoothWeightedTable(config.scenario().requests());
  }

  boolean closedModel() {
    return schedule == null;
  }

  /** Open model: nanoseconds from the start at which request {@code k} is due, or -1 past the plan or budget. */
  long offset(long k) {
    if (schedule == null || k >= planTotal || (maxRequests > 0 && k >= maxRequests)) {
      return -1;
    }
    return schedule.intendedOffsetNanos(k);
  }

  /** Open model: the rate the plan asks for at {@code offsetNanos} from the start; 0 in the closed model. */
  double rateAt(long offsetNanos) {
    return schedule == null ? 0 : schedule.rateAt(java.time.Duration.ofNanos(Math.max(0, offsetNanos)));
  }

  /** Closed model: the next request number, or -1 when the budget is used up. */
  long nextClosed() {
    long seq = closedSeq.getAndIncrement();
    return maxRequests > 0 && seq >= maxRequests ? -1 : seq;
  }

  /** Closed model: whether the request budget is used up. */
  boolean budgetUsed() {
    return maxRequests > 0 && closedSeq.get() >= maxRequests;
  }

  /** The endpoint (scenario request index) of request {@code k}. */
  int pick(long k) {
    return pickTable[(int) (k % pickTable.length)];
  }

  /** Spreads requests by weight evenly over a cycle (smooth weighted round-robin). */
  private static int[] smoothWeightedTable(List<RequestSpec> specs) {
    int total = 0;
    for (RequestSpec s : specs) {
      total += s.weight();
    }
    int[] table = new int[total];
    int[] current = new int[specs.size()];
    for (int t = 0; t < total; t++) {
      int best = 0;
      for (int i = 0; i < specs.size(); i++) {
        current[i] += specs.get(i).weight();
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      table[t] = best;
    }
    return table;
  }
}
