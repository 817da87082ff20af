package dev.hotpath.load;

/**
 * The HTTP version a run speaks. {@link #HTTP_2} uses ALPN ({@code h2}) over TLS and prior
 * knowledge ({@code h2c}) on cleartext, with many concurrent streams per connection.
 *
 * <p>Thread-safe: an enum.
 *
 * <pre>{@code
 * LoadConfig c = LoadConfig.builder(scenario).protocol(HttpProtocol.HTTP_2).maxStreams(100).build();
 * }</pre>
 */
public enum HttpProtocol {
  /** HTTP/1.1 keep-alive connections, optionally pipelined. */
  HTTP_1_1,
  /** HTTP/2: {@code h2} over TLS (ALPN), {@code h2c} with prior knowledge on cleartext. */
  HTTP_2;

  /** The name in results: {@code http/1.1}, or {@code h2} / {@code h2c} for HTTP/2 over TLS / cleartext. */
  public String wireName(boolean tls) {
    return this == HTTP_1_1 ? "http/1.1" : tls ? "h2" : "h2c";
  }
}
