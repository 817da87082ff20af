package dev.hotpath.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  private static List<String> args(String fixes) {
    return List.of("--port", "0", "--jdbc-url", "jdbc:none", "--redis", "none", "--fixes", fixes);
  }

  @Test
  void startsTheChildReadsItsPortAndStopsIt(@TempDir Path dir) throws Exception {
    ChildJvm child = ChildJvm.start("fake", FakeSteppedServer.class.getName(), args("none"), "64m", dir, Duration.ofSeconds(60));
    try {
      assertThat(child.port()).isPositive();
      assertThat(new ServiceClient(child.port()).get("/items/3", false).status()).isEqualTo(200);
      assertThat(child.isAlive()).isTrue();
    } finally {
      child.close();
    }
    assertThat(child.isAlive()).isFalse();
    // other stdout goes to the log, as does the command line
    assertThat(Files.readString(dir.resolve("fake.log"))).contains("fake service listening").contains(FakeSteppedServer.class.getName());
  }

  @Test
  void aChildThatExitsBeforeItIsReadyFailsWithTheTailOfItsLog(@TempDir Path dir) {
    assertThatThrownBy(() -> ChildJvm.start("crasher", FakeSteppedServer.class.getName(), args("crash"), "64m", dir,
        Duration.ofSeconds(60)))
        .isInstanceOf(ChildJvm.ChildFailedException.class)
        .hasMessageContaining("crasher exited before it was ready (exit code 1)")
        .hasMessageContaining("crashing on purpose");
  }

  @Test
  void aSilentChildTimesOutAndIsKilled(@TempDir Path dir) {
    long before = ProcessHandle.current().children().count();
    assertThatThrownBy(() -> ChildJvm.start("mute", FakeSteppedServer.class.getName(), args("silent"), "64m", dir,
        Duration.ofSeconds(3)))
        .isInstanceOf(ChildJvm.ChildFailedException.class)
        .hasMessageContaining("mute printed no ready line within 3 s");
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isLessThanOrEqualTo(before);
  }
}
