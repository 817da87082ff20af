package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.demo.internal.ReadyLine;
import dev.hotpath.demo.shop.ShopBackends.Backend;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract with the harness, on a real child JVM: the ready line on stdout once it listens, a
 * clean exit when stdin closes, exit status 2 with one line for bad options.
 */
class ShopServerProcessIT {

  private static ProcessBuilder java(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ShopServer.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(new File("target/shop-child.log")));
  }

  @Test
  void announcesItsPortServesAndExitsWhenStdinCloses() throws Exception {
    try (Backend b = ShopBackends.h2()) {
      Process p = java(List.of("--port", "0", "--jdbc-url", b.url(), "--jdbc-user", "sa", "--redis", "none",
          "--fixes", "all", "--scale", "0.01", "--schema", b.schema())).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        OptionalInt port = OptionalInt.empty();
        while (port.isEmpty()) {
          String line = out.readLine();
          if (line == null) {
            break;
          }
          port = ReadyLine.parse(line);
        }
        assertThat(port).as("ready line").isPresent();
        assertThat(ShopBackends.get(port.getAsInt(), "/products?category=1").status()).isEqualTo(200);
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
        assertThat(p.exitValue()).isZero();
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void badOptionsExitWithTwoAndOneLine() throws Exception {
    Process p = java(List.of("--port", "0", "--jdbc-url", "jdbc:h2:mem:x", "--redis", "none", "--fixes", "turbo"))
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.lines().toList()).hasSize(1);
    assertThat(err).startsWith("shop: --fixes: unknown fix 'turbo'");
  }
}
