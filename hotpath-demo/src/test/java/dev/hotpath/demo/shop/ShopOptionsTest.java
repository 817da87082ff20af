package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ShopOptionsTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @Test
  void parsesTheHarnessContract() {
    ShopOptions o = ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--jdbc-user", "postgres", "--redis", "none",
        "--fixes", "indexes,pool", "--seed", "7", "--scale", "0.1", "--schema", "shop_x");
    assertThat(o.port()).isZero();
    assertThat(o.redis()).isNull();
    assertThat(o.fixes()).containsExactlyInAnyOrder(Fix.INDEXES, Fix.POOL);
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.scale()).isEqualTo(0.1);
    assertThat(o.schema()).isEqualTo("shop_x");
    ShopOptions d = ShopOptions.parse("--port", "8080", "--jdbc-url", URL, "--redis", "redis://127.0.0.1:6379",
        "--fixes", "all");
    assertThat(d.fixes()).isEqualTo(EnumSet.allOf(Fix.class));
    assertThat(d.seed()).isEqualTo(42);
    assertThat(d.scale()).isEqualTo(1.0);
    assertThat(d.schema()).isEqualTo(ShopData.DEFAULT_SCHEMA);
    assertThat(d.redis()).isEqualTo("redis://127.0.0.1:6379");
  }

  @Test
  void badInputGetsOneLineNamingTheOption() {
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--redis", "none", "--fixes", "gzip"))
        .hasMessageStartingWith("--fixes: unknown fix 'gzip'").hasMessageContaining("no-n-plus-one");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "70000", "--jdbc-url", URL, "--redis", "none", "--fixes", "all"))
        .hasMessage("--port must be in [0, 65535], was 70000");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--redis", "none", "--fixes", "all",
        "--scale", "0")).hasMessage("--scale must be in (0, 100], was 0.0");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", "jdbc:mysql://x/y", "--redis", "none",
        "--fixes", "all")).hasMessageContaining("--jdbc-url must be a PostgreSQL or H2 URL");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--redis", "localhost", "--fixes", "all"))
        .hasMessageContaining("--redis must be none or a redis:// URI");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--fixes", "all"))
        .hasMessageStartingWith("--port, --jdbc-url, --redis and --fixes are required");
    assertThatThrownBy(() -> ShopOptions.parse("--port", "0", "--jdbc-url", URL, "--redis", "none", "--fixes", "all",
        "--schema", "Drop;Table")).hasMessageContaining("--schema must be");
    assertThatThrownBy(() -> ShopOptions.parse("--port")).hasMessageStartingWith("--port needs a value");
  }

  @Test
  void fixesRoundTrip() {
    assertThat(Fix.parse("none")).isEmpty();
    assertThat(Fix.format(Fix.parse("none"))).isEqualTo("none");
    assertThat(Fix.format(Fix.parse("all"))).isEqualTo("all");
    assertThat(Fix.format(Fix.parse("pool, indexes"))).isEqualTo("indexes,pool");
  }

  @Test
  void schemaGoesIntoTheUrlOfEachDatabase() {
    assertThat(ShopData.withSchema(URL, "s1")).isEqualTo(URL + "?currentSchema=s1");
    assertThat(ShopData.withSchema(URL + "?ssl=false", "s1")).isEqualTo(URL + "?ssl=false&currentSchema=s1");
    assertThat(ShopData.withSchema("jdbc:h2:tcp://localhost/mem:x;MODE=PostgreSQL", "s1"))
        .isEqualTo("jdbc:h2:tcp://localhost/mem:x;MODE=PostgreSQL;SCHEMA=s1");
  }
}
