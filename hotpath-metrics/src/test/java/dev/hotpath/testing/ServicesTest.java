package dev.hotpath.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ServicesTest {

  @Test
  void unreachableServiceSkipsOrFailsWithItsName() {
    int port = Services.freePort(); // nothing listens there now
    Throwable t = catchThrowable(() -> Services.require("Frobnitz", "HOTPATH_TEST_UNSET_VAR", "redis://127.0.0.1:" + port));
    assertThat(t).isInstanceOf(Services.required() ? AssertionFailedError.class : TestAbortedException.class);
    assertThat(t).hasMessageContaining("Frobnitz is not reachable at 127.0.0.1:" + port)
        .hasMessageContaining("HOTPATH_TEST_UNSET_VAR");
  }

  @Test
  void reachableServiceReturnsItsAddress() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      String address = "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/test";
      assertThat(Services.require("Fake", "HOTPATH_TEST_UNSET_VAR", address)).isEqualTo(address);
    }
  }
}
