package dev.hotpath.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ConnectProblemTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void nettysNativeErrorsBecomeSentences() {
    assertThat(ConnectProblem.describe("127.0.0.1:1",
        new ConnectException("io_uring connect(..) failed with error(-111): Connection refused"), TEN))
        .isEqualTo("connection refused to 127.0.0.1:1 (is the server running and listening on that port?)");
    assertThat(ConnectProblem.describe("10.0.0.9:80",
        new ConnectException("connect(..) failed with error(-113): No route to host"), TEN))
        .startsWith("no route to host 10.0.0.9:80");
    assertThat(ConnectProblem.describe("h:80", new ConnectException("connect(..) failed with error(-98): Address in use"), TEN))
        .isEqualTo("cannot reach h:80: Address in use");
  }

  @Test
  void timeoutsNameTheFlag() {
    assertThat(ConnectProblem.describe("h:80", new TimeoutException("connect timed out"), TEN))
        .isEqualTo("cannot reach h:80: no connection within 10s (--timeout; is a firewall dropping packets?)");
    assertThat(ConnectProblem.describe("h:80", new UnknownHostException("h"), TEN)).isEqualTo("cannot reach h:80: unknown host");
  }
}
