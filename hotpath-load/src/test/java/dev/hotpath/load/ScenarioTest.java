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
    Files.createDirectory(dir.resolve("d.csv"));
    assertThatThrownBy(() -> Scenario.fromYaml(f)).hasMessageEndingWith("d.csv: a folder, not a file");
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
    assertThatThrownBy(() -> Scenario.fromYaml(dir.resolve("missing.yaml")))
        .hasMessage("scenario " + dir.resolve("missing.yaml") + " does not exist");
  }

  private ScenarioException problem(String yaml) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    try {
      Scenario.fromYaml(f);
    } catch (ScenarioException e) {
      assertThat(e.getMessage()).startsWith("scenario " + f).doesNotContain("java.").doesNotContain("`")
          .doesNotContain("Exception").doesNotContain("\n");
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void aTabIsReportedOnItsOwnLine() throws Exception {
    ScenarioException e = problem("requests:\n  - url: http://h/\n\tmethod: GET\n");
    assertThat(e.line()).isEqualTo(3); // SnakeYAML's context pointed at line 2
    assertThat(e.getMessage()).contains("line 3, column 1: a tab in the indentation; YAML indents with spaces only");
  }

  @Test
  void syntaxErrorsSayTheProblemNotTheParsersState() throws Exception {
    ScenarioException e = problem("requests:\n  - url: \"abc\n");
    assertThat(e.getMessage()).contains("not valid YAML: found unexpected end of stream (while scanning a quoted scalar)")
        .doesNotContain("while scanning for");
    ScenarioException indent = problem("requests:\n  - url: x\n   - url: y\n");
    assertThat(indent.line()).isEqualTo(3);
  }

  @Test
  void wrongKindsOfValuesAreNamedByKeyNotByJavaType() throws Exception {
    assertThat(problem("requests:\n  - url: http://h/\n    weight: abc\n").getMessage())
        .endsWith("line 3, column 13: requests[0].weight must be a whole number, was 'abc'");
    assertThat(problem("requests:\n  - url: http://h/\n    expect: 200\n").getMessage())
        .contains("requests[0].expect must be a list, e.g. [200, 201]");
    assertThat(problem("").getMessage()).contains("the file is empty; it needs a 'requests' list");
    assertThat(problem("foo: 1\n").getMessage()).contains("unknown key 'foo' (known: baseUrl, csv, requests)");
  }

  @Test
  void badValuesAndPlaceholdersNameFileAndLine() throws Exception {
    ScenarioException weight = problem("requests:\n  - url: http://h/\n  - url: http://h/x\n    weight: 5000\n");
    assertThat(weight.getMessage()).contains("line 3: requests[1]: weight").contains("5000");
    ScenarioException ph = problem("requests:\n  - url: http://h/\n    body: '${random:5:1}'\n");
    assertThat(ph.getMessage()).contains("line 3: requests[0].body: '${random:5:1}' must be ${random:LO:HI}");
    assertThat(ph.line()).isEqualTo(3);
    ScenarioException unknown = problem("requests:\n  - url: http://h/a\n  - url: http://h/${nope}\n");
    assertThat(unknown.getMessage()).contains("line 3: requests[1].url: unknown placeholder '${nope}'");
    ScenarioException header = problem("requests:\n  - url: http://h/\n    headers:\n      A: x\n      B: ${csv:mail}\n");
    assertThat(header.getMessage()).contains("requests[0].headers: '${csv:mail}'");
  }

  @Test
  void unreadableFilesAreOneSentence() throws Exception {
    Path latin1 = dir.resolve("l1.yaml");
    Files.write(latin1, new byte[] {'r', ':', ' ', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> Scenario.fromYaml(latin1)).hasMessage("scenario " + latin1 + " is not UTF-8 text; save it as UTF-8");
    assertThatThrownBy(() -> Scenario.fromYaml(dir)).hasMessage("scenario " + dir + " is a directory, not a file");
  }

  @Test
  void rejectsBadUrlsAndMixedHosts() {
    assertThatThrownBy(() -> RequestSpec.get("ftp://x/")).hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> RequestSpec.get("http://exa mple/")).hasMessageContaining("malformed URL");
    assertThatThrownBy(() -> Scenario.of(RequestSpec.get("http://a:1/"), RequestSpec.get("http://b:1/x")))
        .hasMessageContaining("one scheme://host:port");
  }
}
