package dev.hotpath.demo.payments;

import org.jspecify.annotations.Nullable;

/** How one mode takes a payment. Implementations are thread-safe. */
interface PaymentHandler extends AutoCloseable {
  /** Takes payment {@code order}; {@code key} is the client's Idempotency-Key header (null when absent). */
  Reply pay(@Nullable String key, String order, String account, long amount) throws Exception;

  /** The queue the after-charge work goes through, for the report ({@code inline} when there is none). */
  String queueKind();

  @Override
  void close();

  /** The payment's JSON representation as the service answers it. */
  static String json(long id, String order, String status, @Nullable String charge) {
    return "{\"id\":" + id + ",\"order\":\"" + order + "\",\"status\":\"" + status + "\""
        + (charge == null ? "" : ",\"charge\":\"" + charge + "\"") + "}";
  }
}
