package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The H2 path and the text findings, without a server. */
class ExplainAdvisorH2Test {

  @Test
  void h2TableScanUnderFilterSuggestsAnIndex() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:explain" + System.nanoTime());
        Statement s = c.createStatement()) {
      s.execute("create table users (id int primary key, email varchar(64), status varchar(16))");
      s.execute("insert into users select x, 'u' || x || '@x.org', 'active' from system_range(1, 20000)");
      s.execute("analyze");
      ExplainAdvisor advisor = ExplainAdvisor.create(ExplainConfig.ofDefaults());
      ExplainAdvice advice = advisor.advise(c, "select * from users where email = ? order by status", "u5@x.org");
      assertThat(advice.dialect()).isEqualTo(Dialect.H2);
      assertThat(advice.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).as(advice.plan()).isTrue();
      assertThat(advice.suggestedIndex().orElseThrow().columns()).containsExactly("email", "status");
      assertThat(advice.suggestedIndex().orElseThrow().ddl())
          .isEqualTo("CREATE INDEX idx_users_email_status ON users (email, status)");
      assertThat(advice.has(FindingKind.SELECT_STAR)).isTrue();
      assertThatThrownBy(() -> advisor.verify(c, advice, advice.suggestedIndex().orElseThrow()))
          .hasMessageContaining("H2 plans carry no cost");

      s.execute("create index users_email on users (email)");
      ExplainAdvice indexed = advisor.advise(c, "select id from users where email = ?", "u5@x.org");
      assertThat(indexed.findings()).isEmpty();
    }
  }

  @Test
  void configIsValidated() {
    assertThatThrownBy(() -> ExplainConfig.builder().selectiveFraction(0).build())
        .hasMessage("ExplainConfig.selectiveFraction must be in (0, 1], was 0.0");
    assertThatThrownBy(() -> ExplainConfig.builder().largeTableRows(0).build())
        .hasMessageContaining("ExplainConfig.largeTableRows must be in [1, ");
  }

  @Test
  void filterColumnsPutEqualityBeforeRange() {
    assertThat(dev.hotpath.db.internal.SqlColumns.filterColumns(
            "((created > 5) AND ((status)::text = 'x = y'::text) AND (t.kind IN ('a')))"))
        .containsExactly("status", "kind", "created");
    assertThat(dev.hotpath.db.internal.SqlColumns.orderByColumns("select a from t order by t.b desc, c limit 3"))
        .containsExactly("b", "c");
  }
}
