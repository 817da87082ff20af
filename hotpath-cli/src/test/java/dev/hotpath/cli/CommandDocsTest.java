package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every flag of every command is in the page of docs/ that describes the command (load.md: LoadDocsTest). */
class CommandDocsTest {
  private static final Map<String, String> PAGE = Map.of(
      "compare", "reports.md", "report", "reports.md", "merge", "reports.md",
      "profile", "monitor.md", "plan", "db.md");

  @Test
  void everyFlagIsDocumented() throws Exception {
    check(HotpathCommand.commandLine());
  }

  private static void check(CommandLine cl) throws Exception {
    String page = PAGE.get(cl.getCommandName());
    if (page != null) {
      String doc = Files.readString(Path.of("../docs", page));
      for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
        if (!o.usageHelp() && !o.versionHelp()) {
          assertThat(doc).as("docs/" + page + " on " + cl.getCommandSpec().qualifiedName() + " " + o.longestName())
              .contains(o.longestName());
        }
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      check(sub);
    }
  }
}
