package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlFingerprintTest {

  @Test
  void foldsLiteralsCaseWhitespaceAndComments() {
    String a = SqlFingerprint.of("SELECT * FROM users WHERE email = 'a@x.org' AND age > 42");
    String b = SqlFingerprint.of("select *\n  from USERS -- who\n where EMAIL='it''s' and age>7 /* c */");
    assertThat(a).isEqualTo("select * from users where email = ? and age > ?");
    assertThat(b).isEqualTo(a);
    assertThat(SqlFingerprint.of("select * from users where email = 'b' and age > 1.5e3")).isEqualTo(a);
  }

  @Test
  void foldsInListsOfAnyLength() {
    String one = SqlFingerprint.of("select id from t where id in (1)");
    String three = SqlFingerprint.of("select id from t where id IN (1, 2,3)");
    String params = SqlFingerprint.of("select id from t where id in (?, ?, ?, ?)");
    assertThat(one).isEqualTo("select id from t where id in (?+)").isEqualTo(three).isEqualTo(params);
  }

  @Test
  void foldsMultiRowValuesAndPostgresParameters() {
    assertThat(SqlFingerprint.of("insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')"))
        .isEqualTo(SqlFingerprint.of("INSERT INTO t (a, b) VALUES (?, ?)"))
        .isEqualTo("insert into t (a, b) values (?, ?)");
    assertThat(SqlFingerprint.of("select * from t where id = $1")).isEqualTo("select * from t where id = ?");
  }

  @Test
  void keepsIdentifiersWithDigitsAndQuotedIdentifiers() {
    assertThat(SqlFingerprint.of("select col1 from \"T2\" where x = 5;"))
        .isEqualTo("select col1 from \"T2\" where x = ?");
  }

  @Test
  void differentShapesStayDifferent() {
    assertThat(SqlFingerprint.of("select a from t where id = 1"))
        .isNotEqualTo(SqlFingerprint.of("select b from t where id = 1"));
  }

  @Test
  void whitespaceAroundOperatorsDoesNotSplitAStatement() {
    String spaced = SqlFingerprint.of("select * from t where a = 1 and b <> 2 and c >= 3 and d != 4");
    assertThat(SqlFingerprint.of("select * from t where a=1 and b<>2 and c>=3 and d!=4")).isEqualTo(spaced);
    assertThat(SqlFingerprint.of("select * from t where a= 1 and b <>2 and c>= 3 and d !=4")).isEqualTo(spaced);
    assertThat(spaced).isEqualTo("select * from t where a = ? and b <> ? and c >= ? and d != ?");
    assertThat(SqlFingerprint.of("update t set n=n+1 where id=?")).isEqualTo("update t set n = n + ? where id = ?");
    assertThat(SqlFingerprint.of("select a||b from t")).isEqualTo("select a || b from t");
  }

  @Test
  void signedNumbersCastsStarsAndQualifiedNamesStayTight() {
    assertThat(SqlFingerprint.of("select * from t where x=-1")).isEqualTo("select * from t where x = ?");
    assertThat(SqlFingerprint.of("select * from t where x = - 1.5e-3")).isEqualTo("select * from t where x = ?");
    assertThat(SqlFingerprint.of("select x-1 from t")).isEqualTo("select x - ? from t");
    assertThat(SqlFingerprint.of("select count( * ), t.* from t")).isEqualTo("select count(*), t.* from t");
    assertThat(SqlFingerprint.of("select id::text from t where t . id = 1")).isEqualTo("select id::text from t where t.id = ?");
  }

  @Test
  void theDocumentedExampleHoldsAsWritten() {
    // docs/db.md and the Javadoc show this pair; keep them true
    assertThat(SqlFingerprint.of("SELECT * FROM t WHERE id IN (1,2,3) AND name='x'"))
        .isEqualTo("select * from t where id in (?+) and name = ?");
    assertThat(SqlFingerprint.of("SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'x'"))
        .isEqualTo("select * from t where id in (?+) and name = ?");
  }
}
