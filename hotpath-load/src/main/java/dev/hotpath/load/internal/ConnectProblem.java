package dev.hotpath.load.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why no connection to the target opened, in words for people: "connection refused to
 * 127.0.0.1:8080 (is the server running on that port?)", never Netty's "io_uring
 * connect(..) failed with error(-111)".
 */
final class ConnectProblem {
  private ConnectProblem() {}

  static String describe(String target, Throwable cause, Duration timeout) {
    String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("refused")) {
      return "connection refused to " + target + " (is the server running and listening on that port?)";
    }
    if (cause instanceof NoRouteToHostException || m.contains("no route to host")) {
      return "no route to host " + target + " (is the address right, and the network reachable?)";
    }
    if (m.contains("network is unreachable")) {
      return "network unreachable for " + target;
    }
    if (cause instanceof UnknownHostException) {
      return "cannot reach " + target + ": unknown host";
    }
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout") || m.contains("timed out")) {
      return "cannot reach " + target + ": no connection within " + dev.hotpath.metrics.Durations.format(timeout)
          + " (--timeout; is a firewall dropping packets?)";
    }
    if (cause instanceof SSLException) {
      return "cannot reach " + target + ": TLS handshake failed (" + cause.getMessage() + "; -k accepts any certificate)";
    }
    // Netty's native transports prefix the OS error: "connect(..) failed with error(-113): No route to host"
    String why = cause.getMessage() == null ? "connection failed" : cause.getMessage()
        .replaceFirst("^.*\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ", "");
    if (cause instanceof ConnectException && why.isBlank()) {
      why = "connection failed";
    }
    return "cannot reach " + target + ": " + why;
  }
}
