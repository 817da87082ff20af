package dev.hotpath.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  @TempDir Path dir;

  @Test
  void readsWeightedRequestsWithCsv() throws Exception {
    Files.writeString(dir.resolve("users.csv"), "email,name\na@x.org,Ann\n\"b,c@x.org\",Bob\n");
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, """
        baseUrl: http://127.0.0.1:8080/
        csv: users.csv
        requests:
          - name: get user
            url: /users/${random:1:1000}
            weight: 3
          - method: post
            url: /orders?u=${csv:email}
            headers: {Content-Type: application/json}
            body: '{"id":"${uuid}","n":${seq}}'
            expect: [201]
        """);
    Scenario s = Scenario.fromYaml(f);
    assertThat(s.requests()).hasSize(2);
    assertThat(s.requests().get(0).weight()).isEqualTo(3);
    assertThat(s.requests().get(1).name()).isEqualTo("POST /orders");
    assertThat(s.requests().get(1).isExpected(201)).isTrue();
    assertThat(s.requests().get(1).isExpected(200)).isFalse();
    assertThat(s.csvRows().get(1)).containsExactly("b,c@x.org", "Bob");
  }

  /** The old line-by-line reader split the quoted value at its newline and reported a width mismatch. */
  @Test
  void csvValuesMayHoldLineBreaksQuotesAndCommas() throws Exception {
    Files.writeString(dir.resolve("d.csv"), "id,note\n1,\"two\nlines\"\n\n2,\"say \"\"hi\"\", ok\"\n");
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, "baseUrl: http://127.0.0.1:8080/\ncsv: d.csv\nrequests:\n  - url: /n?id=${csv:id}\n");
    Scenario s = Scenario.fromYaml(f);
    assertThat(s.csvColumns()).containsExactly("id", "note");
    assertThat(s.csvRows()).containsExactly(java.util.List.of("1", "two\nlines"), java.util.List.of("2", "say \"hi\", ok"));
  }

  @Test
  void csvErrorsNameTheLineTheRowStartsOn() throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, "baseUrl: http://127.0.0.1:8080/\ncsv: d.csv\nrequests:\n  - url: /n?id=${csv:id}\n");
    Files.writeString(dir.resolve("d.csv"), "id,note\n1,\"two\nlines\"\n2,x,extra\n");
    assertThatThrownBy(() -> Scenario.fromYaml(f)).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("d.csv line 4: 3 values, the header has 2");
    Files.writeString(dir.resolve("d.csv"), "id,note\n1,x\n2,\"never closed\n");
    assertThatThrownBy(() -> Scenario.fromYaml(f)).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("d.csv line 3: a quoted value is not closed")
        .hasMessageNotContaining("Jackson").hasMessageNotContaining("Source:");
    Files.delete(dir.resolve("d.csv"));
    assertThatThrownBy(() -> Scenario.fromYaml(f)).hasMessageContaining("d.csv: no such file");
  }

  @Test
  void syntaxAndSchemaErrorsCarryLineAndColumn() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "requests:\n  - url: http://h/\n    wieght: 3\n");
    assertThatThrownBy(() -> Scenario.fromYaml(f))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("wieght")
        .satisfies(e -> assertThat(((ScenarioException) e).line()).isEqualTo(3));
    Files.writeString(f, "requests:\n  - url: [unclosed\n");
    assertThatThrownBy(() -> Scenario.fromYaml(f)).isInstanceOf(ScenarioException.class).hasMessageContaining("line ");
    assertThatThrownBy(() -> Scenario.fromYaml(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read scenario");
  }

  @Test
  void rejectsBadUrlsAndMixedHosts() {
    assertThatThrownBy(() -> RequestSpec.get("ftp://x/")).hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> RequestSpec.get("http://exa mple/")).hasMessageContaining("malformed URL");
    assertThatThrownBy(() -> Scenario.of(RequestSpec.get("http://a:1/"), RequestSpec.get("http://b:1/x")))
        .hasMessageContaining("one scheme://host:port");
  }
}
