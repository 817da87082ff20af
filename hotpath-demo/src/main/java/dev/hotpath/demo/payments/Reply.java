package dev.hotpath.demo.payments;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP answer of the payments service. {@code reason} names why a request was refused
 * ({@code X-Payment-Reason}: {@code breaker-open}, {@code bulkhead-full}, {@code gateway-timeout},
 * {@code gateway-error}, {@code in-progress}), so the driver counts errors by class without guessing
 * from timings; {@code retryAfterSeconds} &gt; 0 adds {@code Retry-After}.
 */
record Reply(int status, String body, @Nullable String reason, int retryAfterSeconds) {
  static Reply of(int status, String body) {
    return new Reply(status, body, null, 0);
  }

  static Reply refused(int status, String reason, int retryAfterSeconds, String message) {
    return new Reply(status, "{\"error\":\"" + message.replace("\"", "'") + "\"}", reason, retryAfterSeconds);
  }
}
