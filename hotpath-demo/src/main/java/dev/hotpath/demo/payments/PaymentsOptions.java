package dev.hotpath.demo.payments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code hotpath demo payments} was asked for. {@code quick} shortens the timeline (same faults,
 * same order) so both modes finish within 90 s; the default run takes under 4 minutes.
 *
 * @param db {@code auto}, {@code embedded} or a {@code jdbc:postgresql:} URL
 * @param queue {@code auto} (RabbitMQ on loopback when it answers), {@code none} (in-process worker pool
 *     and outbox) or an {@code amqp://} URI
 * @param modes the modes to run, in order ({@code naive}, {@code optimized})
 */
public record PaymentsOptions(boolean quick, Path out, String db, String queue, int paymentRate, int balanceRate,
    List<String> modes) {
  /** The defaults: 200 payments/s and 100 {@code /balance}/s. */
  public static PaymentsOptions of(boolean quick, Path out, String db, String queue) {
    return new PaymentsOptions(quick, out, db, queue, 200, 100, List.of("naive", "optimized"));
  }

  /** The measured load, over which the fault timeline is laid. */
  public Duration load() {
    return quick ? Duration.ofSeconds(24) : Duration.ofSeconds(80);
  }

  /** Traffic before the timeline starts (JIT, pools, connections), not measured. */
  public Duration warmup() {
    return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(4);
  }

  /** How long after the load the run waits for the queue to drain and every payment to settle. */
  public Duration maxDrain() {
    return Duration.ofSeconds(30); // a cap, not a wait: an idle machine drains in about a second
  }
}
