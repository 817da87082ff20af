package dev.hotpath.demo.payments;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work after a charge: the fraud check and the receipt. Run inline by the naive mode; run from
 * the outbox by the optimized one, where a claim with a lease makes each entry run once even when a
 * broker redelivers it, the poller finds it too, or the instance that held it died.
 */
final class AfterCharge {
  private static final Logger LOG = Logger.getLogger(AfterCharge.class.getName());
  /** How long a claimed outbox entry stays with its worker before another may take it over. */
  static final long CLAIM_LEASE_MILLIS = 10_000;

  private final PaymentStore store;
  private final String owner;

  AfterCharge(PaymentStore store, String owner) {
    this.store = store;
    this.owner = owner;
  }

  /**
   * The fraud model: a few milliseconds of scoring (a stand-in for a remote call), deterministic per
   * payment so both modes score alike.
   */
  static int fraudScore(long paymentId) throws InterruptedException {
    Thread.sleep(3);
    return Math.floorMod(paymentId * 2_654_435_761L, 100);
  }

  /** Processes outbox entry {@code outboxId} unless another worker has it or it is done. */
  void process(long outboxId) {
    try {
      if (!store.claimOutbox(outboxId, owner, CLAIM_LEASE_MILLIS)) {
        return;
      }
      long paymentId = store.outboxPayment(outboxId);
      store.complete(outboxId, paymentId, fraudScore(paymentId));
    } catch (SQLException e) {
      // left in the outbox: its claim expires and the poller runs it again
      LOG.log(Level.WARNING, "outbox entry " + outboxId + " failed, will be retried: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
