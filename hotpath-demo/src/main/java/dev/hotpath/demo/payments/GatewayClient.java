package dev.hotpath.demo.payments;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The service's client of the card gateway. With no {@code timeout} (the naive mode) a call waits as
 * long as the gateway holds it, as a client built with defaults does. Thread-safe.
 */
final class GatewayClient {
  private static final Pattern CHARGE = Pattern.compile("\"charge\":\"([^\"]+)\"");

  /** The gateway answered, but not with a charge. */
  static final class GatewayException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    GatewayException(int status) {
      super("gateway answered " + status);
      this.status = status;
    }
  }

  private final URI base;
  private final @Nullable Duration timeout;
  private final HttpClient http;

  GatewayClient(URI base, @Nullable Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (timeout != null) {
      builder.connectTimeout(timeout);
    }
    this.http = builder.build();
  }

  /** Charges {@code amount} for {@code order}; {@code key} (when given) makes a repeat answer the first charge. */
  String charge(String order, long amount, @Nullable String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/charges"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "order=" + URLEncoder.encode(order, StandardCharsets.UTF_8) + "&amount=" + amount));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return chargeOf(send(request));
  }

  /** The charge made under {@code key}, or empty when the gateway made none. */
  Optional<String> lookup(String key) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(
        base.resolve("/charges?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(chargeOf(response));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (timeout != null) {
      request.timeout(timeout);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String chargeOf(HttpResponse<String> response) throws GatewayException {
    Matcher m = CHARGE.matcher(response.body());
    if ((response.statusCode() != 200 && response.statusCode() != 201) || !m.find()) {
      throw new GatewayException(response.statusCode());
    }
    return m.group(1);
  }
}
