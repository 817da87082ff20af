package dev.hotpath.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * hotpath's {@code --help} text. picocli's own layout breaks lines inside tokens ({@code 30s:100,1m:}
 * / {@code 1000}), cuts descriptions in the command list at their first line, and runs every text
 * through {@link String#format} (a lone {@code %} in {@code error_rate<0.1%} printed "[picocli WARN]
 * Could not format"). Here lines break at spaces only, an author's line breaks inside a sentence are
 * joined, example lines (indented by two spaces) are kept whole, {@code %%} and {@code %n} mean what
 * they mean to picocli and any other {@code %} is just a percent sign.
 */
final class HelpLayout {
  static final int WIDTH = 80;
  private static final int DESCRIPTION_COLUMN = 28;

  private HelpLayout() {}

  /** Installs the layout on {@code cl} and every subcommand under it. */
  static void install(CommandLine cl) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, h -> text(h.commandSpec().usageMessage().description()));
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, h -> text(h.commandSpec().usageMessage().footer()));
    // one blank line before every footer, whatever the command's footerHeading says
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
        h -> h.commandSpec().usageMessage().footer().length == 0 ? "" : "\n");
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    cl.setHelpSectionMap(sections);
    cl.getSubcommands().values().forEach(HelpLayout::install);
  }

  /** Paragraphs wrapped at spaces; lines indented by two spaces (examples) and empty lines kept. */
  static String text(String[] lines) {
    StringBuilder out = new StringBuilder();
    StringBuilder paragraph = new StringBuilder();
    for (String raw : lines) {
      for (String line : unescape(raw).split("\n", -1)) {
        if (line.isBlank() || line.startsWith("  ")) {
          flush(paragraph, out);
          out.append(line.isBlank() ? "" : line).append('\n');
        } else {
          paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
        }
      }
    }
    flush(paragraph, out);
    return out.toString();
  }

  private static void flush(StringBuilder paragraph, StringBuilder out) {
    if (!paragraph.isEmpty()) {
      wrap(paragraph.toString(), 0, WIDTH, out);
      paragraph.setLength(0);
    }
  }

  /** {@code %%} is a percent sign and {@code %n} a line break, as in picocli; any other % stays. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 1 < s.length() && (s.charAt(i + 1) == '%' || s.charAt(i + 1) == 'n')) {
        sb.append(s.charAt(i + 1) == 'n' ? '\n' : '%');
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Appends {@code text} broken at spaces into lines of at most {@code width}, each indented by {@code indent}. */
  static void wrap(String text, int indent, int width, StringBuilder out) {
    int room = Math.max(20, width - indent);
    int col = 0;
    boolean lineStart = true;
    for (String word : text.strip().split(" +", -1)) {
      if (!lineStart && col + 1 + word.length() > room) {
        out.append('\n');
        lineStart = true;
      }
      if (lineStart) {
        out.append(" ".repeat(indent)).append(word);
        col = word.length();
        lineStart = false;
      } else {
        out.append(' ').append(word);
        col += 1 + word.length();
      }
    }
    out.append('\n');
  }

  private static String parameters(Help help) {
    StringBuilder out = new StringBuilder();
    for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
      if (!p.hidden()) {
        row("      " + label(help, p).strip(), p, out);
      }
    }
    return out.toString();
  }

  private static String options(Help help) {
    CommandSpec spec = help.commandSpec();
    List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
    if (spec.usageMessage().sortOptions()) {
      options.sort(Comparator.comparing(o -> o.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
    }
    StringBuilder out = new StringBuilder();
    for (OptionSpec o : options) {
      String shortName = "";
      String longName = "";
      for (String n : o.names()) {
        if (n.startsWith("--") || n.length() > 2) {
          longName = longName.isEmpty() ? n : longName + ", " + n;
        } else {
          shortName = n;
        }
      }
      String names = shortName.isEmpty() ? "    " + longName : longName.isEmpty() ? shortName : shortName + ", " + longName;
      String param = o.typeInfo().isBoolean() && o.arity().max() == 0 ? "" : label(help, o);
      row("  " + names + param, o, out);
    }
    return out.toString();
  }

  private static String label(Help help, ArgSpec arg) {
    return help.parameterLabelRenderer().renderParameterLabel(arg, Help.Ansi.OFF, List.of()).toString();
  }

  /** {@code left} then the description from column 28 (on the next line when {@code left} is too wide). */
  private static void row(String left, ArgSpec arg, StringBuilder out) {
    String description = unescape(String.join(" ", arg.description())
        .replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValueString()))).replace('\n', ' ');
    if (left.length() > DESCRIPTION_COLUMN - 2) {
      out.append(left).append('\n');
      wrap(description, DESCRIPTION_COLUMN, WIDTH, out);
    } else {
      StringBuilder body = new StringBuilder();
      wrap(description, DESCRIPTION_COLUMN, WIDTH, body);
      out.append(left).append(body.substring(left.length()));
    }
  }

  /** Each subcommand with its summary: its header, else its description's first clause, whole. */
  private static String commands(Help help) {
    StringBuilder out = new StringBuilder();
    Map<String, Help> subs = help.subcommands();
    int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
    for (Map.Entry<String, Help> e : subs.entrySet()) {
      CommandSpec sub = e.getValue().commandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      String left = "  " + e.getKey();
      StringBuilder body = new StringBuilder();
      wrap(summary(sub), width, WIDTH, body);
      out.append(left).append(body.substring(Math.min(left.length(), width)));
    }
    return out.toString();
  }

  /** The one-line summary of a command: the header, else the description's first clause, in the imperative. */
  static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    String text = header.length > 0 ? String.join(" ", header)
        : text(spec.usageMessage().description()).replace('\n', ' ').strip();
    int end = text.length();
    for (String stop : new String[] {": ", ". ", " (", "; "}) {
      int at = text.indexOf(stop);
      while (at > 0 && stop.equals(". ") && (text.startsWith("e.g", at - 3) || text.startsWith("i.e", at - 3))) {
        at = text.indexOf(stop, at + 1);
      }
      if (at > 0) {
        end = Math.min(end, at);
      }
    }
    String s = unescape(text.substring(0, end)).strip();
    s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    // one verb form in the list: "Compares ..." reads "Compare ..."
    int space = s.indexOf(' ');
    String verb = space > 0 ? s.substring(0, space) : s;
    if (verb.length() > 3 && verb.endsWith("s") && !verb.endsWith("ss") && Character.isUpperCase(verb.charAt(0))) {
      s = verb.substring(0, verb.length() - 1) + s.substring(verb.length());
    }
    return s + ".";
  }
}
