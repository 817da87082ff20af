package dev.hotpath.demo.payments;

/** How a request of the driver failed, from what the client saw (status, reason header, exception). */
enum ErrorClass {
  /** 503 from the open gateway breaker: refused before the gateway was called. */
  BREAKER_OPEN("refused: breaker open (503)"),
  /** 503 from the full gateway bulkhead: refused before the gateway was called. */
  BULKHEAD_FULL("refused: bulkhead full (503)"),
  /** The service's gateway call timed out. */
  GATEWAY_TIMEOUT("gateway timeout"),
  /** The gateway answered an error (after the service's retries). */
  GATEWAY_ERROR("gateway error"),
  /** 409: another request holds this payment's key. */
  IN_PROGRESS("in progress (409)"),
  /** Any other 5xx. */
  SERVER_ERROR("server error (5xx)"),
  /** No answer within the client's timeout. */
  TIMEOUT("client timeout"),
  /** Connection refused, reset or closed: a dead instance. */
  CONNECTION("connection refused/reset"),
  /** The load balancer had no endpoint to offer. */
  NO_ENDPOINT("no endpoint");

  final String label;

  /** Whether the service refused the call at once, on the gateway's behalf (a fast 503 with Retry-After). */
  boolean isFastRefusal() {
    return this == BREAKER_OPEN || this == BULKHEAD_FULL;
  }

  ErrorClass(String label) {
    this.label = label;
  }

  /** The class of a non-2xx answer with {@code reason} (the service's X-Payment-Reason header). */
  static ErrorClass ofAnswer(int status, String reason) {
    return switch (reason) {
      case "breaker-open", "rejected" -> BREAKER_OPEN;
      case "bulkhead-full" -> BULKHEAD_FULL;
      case "gateway-timeout" -> GATEWAY_TIMEOUT;
      case "gateway-error", "not-charged" -> GATEWAY_ERROR;
      case "in-progress" -> IN_PROGRESS;
      default -> status == 409 ? IN_PROGRESS : SERVER_ERROR;
    };
  }
}
