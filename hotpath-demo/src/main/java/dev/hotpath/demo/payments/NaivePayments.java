package dev.hotpath.demo.payments;

import java.io.IOException;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The guide's "before": one transaction held open around everything, the gateway called with no
 * timeout and retried blindly (with no idempotency key, so a retry after a lost answer charges
 * again), the client's Idempotency-Key ignored, fraud check and receipt inline. Everything runs on
 * the server's one shared thread pool.
 */
final class NaivePayments implements PaymentHandler {
  private final DataSource data;
  private final PaymentStore store;
  private final GatewayClient gateway;
  private final String owner;

  NaivePayments(DataSource data, PaymentStore store, GatewayClient gateway, String owner) {
    this.data = data;
    this.store = store;
    this.gateway = gateway;
    this.owner = owner;
  }

  @Override
  public Reply pay(@Nullable String key, String order, String account, long amount) throws Exception {
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id = store.insertPending(c, null, order, account, amount, owner).orElseThrow();
        String charge;
        try {
          charge = chargeWithRetries(order, amount);
        } catch (IOException e) {
          c.rollback();
          return Reply.refused(502, "gateway-error", 0, e.getMessage() == null ? "gateway failed" : e.getMessage());
        }
        store.completeOn(c, id, AfterCharge.fraudScore(id));
        c.commit();
        return Reply.of(201, PaymentHandler.json(id, order, PaymentStore.COMPLETED, charge));
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  private String chargeWithRetries(String order, long amount) throws IOException, InterruptedException {
    IOException last = new IOException("gateway not called");
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return gateway.charge(order, amount, null);
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }

  @Override
  public String queueKind() {
    return "inline";
  }

  @Override
  public void close() {}
}
