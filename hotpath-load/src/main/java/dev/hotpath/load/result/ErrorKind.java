package dev.hotpath.load.result;

import java.util.Locale;

/**
 * Why a request did not succeed. Every planned request ends as exactly one of: a success, one
 * {@code ErrorKind}, or dropped (never sent because the queue was full).
 *
 * <p>Thread-safe: an enum.
 *
 * <pre>{@code
 * long resets = result.overall().errors().getOrDefault(ErrorKind.RESET, 0L);
 * }</pre>
 */
public enum ErrorKind {
  /** The TCP (or TLS) connection could not be established. */
  CONNECT,
  /** No complete response within {@code --timeout}. */
  TIMEOUT,
  /** The server closed or reset the connection before the response was complete. */
  RESET,
  /** A 4xx status that the request did not expect. */
  HTTP_4XX,
  /** A 5xx status that the request did not expect. */
  HTTP_5XX,
  /** Any other status that the request did not expect (e.g. a 3xx, or 200 where 201 was expected). */
  UNEXPECTED_STATUS,
  /** The response was not valid HTTP (HTTP/1.1 syntax, or an HTTP/2 protocol error). */
  PROTOCOL,
  /** HTTP/2: the server reset the stream (RST_STREAM, e.g. REFUSED_STREAM) before the response was complete. */
  STREAM_RESET,
  /** HTTP/2: the server sent GOAWAY and did not process the stream (its id was above the last one it took). */
  GOAWAY,
  /** HTTP/2: no complete response within {@code --timeout} while the request waited on the server's flow-control window. */
  FLOW_CONTROL;

  /** The name used in result.json and the summary: {@code connect}, {@code http_5xx}, ... */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind for a {@link #jsonName()}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ErrorKind fromJsonName(String name) {
    for (ErrorKind k : values()) {
      if (k.jsonName().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown error kind '" + name + "'");
  }

  /** The kind for an unexpected HTTP status. */
  public static ErrorKind forStatus(int status) {
    if (status >= 400 && status < 500) {
      return HTTP_4XX;
    }
    if (status >= 500 && status < 600) {
      return HTTP_5XX;
    }
    return UNEXPECTED_STATUS;
  }
}
