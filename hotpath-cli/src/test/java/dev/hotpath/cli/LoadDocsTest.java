package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/load.md's flag table lists exactly the flags {@code hotpath load} has. */
class LoadDocsTest {
  private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\\w-])");

  @Test
  void theFlagTableListsEveryFlagAndNothingStale() throws Exception {
    String doc = Files.readString(Path.of("../docs/load.md"));
    String table = doc.substring(doc.indexOf("## Flags"), doc.indexOf("\n## ", doc.indexOf("## Flags") + 1));
    Set<String> documented = new TreeSet<>();
    for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
      Matcher m = FLAG.matcher(row.substring(0, row.indexOf(" |", 2)));
      while (m.find()) {
        documented.add(m.group(1));
      }
    }
    Set<String> actual = new TreeSet<>();
    CommandLine load = HotpathCommand.commandLine().getSubcommands().get("load");
    for (CommandLine.Model.OptionSpec o : load.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        actual.addAll(java.util.List.of(o.names()));
      }
    }
    assertThat(documented).as("docs/load.md ## Flags").isEqualTo(actual);
  }
}
