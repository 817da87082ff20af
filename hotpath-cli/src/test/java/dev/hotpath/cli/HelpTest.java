package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** Every command's {@code --help}, including commands added later: read as a new user reads it. */
class HelpTest {

  private record Page(CommandLine command, String text, String warnings) {}

  private static List<Page> pages() {
    List<Page> pages = new ArrayList<>();
    collect(HotpathCommand.commandLine(), pages);
    return pages;
  }

  private static void collect(CommandLine cl, List<Page> pages) {
    PrintStream saved = System.err;
    ByteArrayOutputStream traced = new ByteArrayOutputStream();
    String text;
    try {
      System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8)); // picocli's tracer writes here
      text = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    } finally {
      System.setErr(saved);
    }
    pages.add(new Page(cl, text, traced.toString(StandardCharsets.UTF_8)));
    cl.getSubcommands().values().forEach(sub -> collect(sub, pages));
  }

  private static String name(Page p) {
    return p.command().getCommandSpec().qualifiedName();
  }

  @Test
  void noFormatWarnings() {
    for (Page p : pages()) {
      assertThat(p.warnings()).as(name(p)).doesNotContain("picocli WARN").isEmpty();
      assertThat(p.text()).as(name(p)).doesNotContain("%n").doesNotContain("%%");
    }
  }

  @Test
  void everyCommandShowsExamplesAndExitCodes() {
    for (Page p : pages()) {
      assertThat(p.text()).as(name(p)).contains("Example").contains("Exit codes: 0 ok");
    }
  }

  @Test
  void noReferencesToTheGuide() {
    for (Page p : pages()) {
      assertThat(p.text().toLowerCase(java.util.Locale.ROOT)).as(name(p)).doesNotContain("the guide");
    }
  }

  /** picocli broke "30s:100,1m:" / "1000,30s:0" and "2026-11-29T16:" / "00:00Z" across lines. */
  @Test
  void noTokenIsBrokenAcrossLines() {
    for (Page p : pages()) {
      Set<String> words = new HashSet<>(Arrays.asList(p.text().split("\\s+", -1)));
      List<ArgSpec> args = new ArrayList<>(p.command().getCommandSpec().options());
      args.addAll(p.command().getCommandSpec().positionalParameters());
      for (ArgSpec a : args) {
        String description = HelpLayout.unescape(String.join(" ", a.description()))
            .replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValueString()));
        for (String w : description.split("\\s+", -1)) {
          assertThat(words).as(name(p) + ": '" + w + "' of " + Arrays.toString(a.description())).contains(w);
        }
      }
      for (String line : p.text().lines().toList()) {
        if (!line.startsWith("  hotpath") && !line.startsWith("  source")) { // examples stay whole, to copy
          assertThat(line.length()).as(name(p) + ": " + line).isLessThanOrEqualTo(HelpLayout.WIDTH);
        }
      }
    }
  }

  @Test
  void theCommandListGivesWholeSentencesInOneVerbForm() {
    String top = pages().get(0).text();
    String list = top.substring(top.indexOf("Commands:"), top.indexOf("Examples:"));
    List<String> entries = new ArrayList<>();
    for (String line : list.lines().skip(1).toList()) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip());
      } else if (!line.isBlank()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    assertThat(entries).hasSizeGreaterThanOrEqualTo(7);
    for (String e : entries) {
      String[] w = e.split("\\s+", 3);
      assertThat(e).as(e).endsWith(".");
      assertThat(w[1]).as("imperative verb: " + e).doesNotEndWith("s");
    }
  }
}
