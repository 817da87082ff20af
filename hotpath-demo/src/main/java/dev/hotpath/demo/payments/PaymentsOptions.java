package dev.hotpath.demo.payments;

import java.time.Duration;
import java.util.List;

/**
 * How the payments case runs. {@code quick} shortens the timeline (same faults, same order, same
 * shares of the load) so both modes finish within 90 s; the default run takes under 4 minutes.
 *
 * @param queue {@code auto} (RabbitMQ on loopback when it answers), {@code none} (in-process worker pool
 *     and outbox) or an {@code amqp://} URI
 * @param modes the modes to run, in order ({@code naive}, {@code optimized})
 */
record PaymentsOptions(boolean quick, String queue, int paymentRate, int balanceRate, List<String> modes) {
  /** The defaults: RabbitMQ when it answers, 200 payments/s and 100 {@code /balance}/s, both modes. */
  static PaymentsOptions of(boolean quick) {
    return new PaymentsOptions(quick, "auto", 200, 100, List.of("naive", "optimized"));
  }

  /** The measured load, over which the fault timeline is laid. */
  Duration load() {
    return quick ? Duration.ofSeconds(20) : Duration.ofSeconds(80);
  }

  /**
   * Traffic before the timeline starts (JIT, pools, connections, the queue's consumers), not measured:
   * long enough that the instances' compiler is done with the hot paths before the gateway's faults
   * begin (at 6 % of the load), so the fault windows measure the faults, not the warm-up.
   */
  Duration warmup() {
    return quick ? Duration.ofSeconds(5) : Duration.ofSeconds(8);
  }

  /** How long after the load the run waits at most for the queue to drain and every payment to settle. */
  Duration maxDrain() {
    return Duration.ofSeconds(30); // a cap, not a wait: an idle machine drains in about a second
  }
}
