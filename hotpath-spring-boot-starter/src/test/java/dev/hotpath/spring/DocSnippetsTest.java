package dev.hotpath.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code on docs/spring.md and docs/junit.md is compiled code: each block marked {@code <!--
 * snippet: PATH#TAG -->} must equal the region between {@code tag::TAG[]} and {@code end::TAG[]} in
 * that file of the repository (indentation aside), so the docs cannot drift from what compiles.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(strings = {"docs/spring.md", "docs/junit.md"})
  void everySnippetIsTheCompiledCode(String doc) throws IOException {
    String text = Files.readString(ROOT.resolve(doc));
    Matcher m = SNIPPET.matcher(text);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      String file = m.group(1);
      String tag = m.group(2);
      assertThat(m.group(3)).as(doc + ": snippet " + file + "#" + tag).isEqualTo(region(ROOT.resolve(file), tag));
      checked.add(tag);
    }
    assertThat(checked).as(doc + " has snippets").hasSizeGreaterThanOrEqualTo(3);
    assertThat(text.split("<!-- snippet: ", -1)).as("every marker is followed by a code block").hasSize(checked.size() + 1);
  }

  /** The lines between the tag markers, their common indentation removed. */
  static String region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("tag::" + tag + "[]")) {
        start = i + 1;
      } else if (lines.get(i).contains("end::" + tag + "[]")) {
        end = i;
      }
    }
    assertThat(start).as(file + " has tag::" + tag + "[]").isPositive();
    assertThat(end).as(file + " has end::" + tag + "[]").isGreaterThanOrEqualTo(start);
    List<String> region = lines.subList(start, end);
    int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }
}
