package dev.hotpath.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code hotpath ARGS} in-process, as {@code main} would, capturing what it prints. */
record Cli(int exitCode, String out, String err) {

  static Cli run(String... args) {
    CommandLine cl = HotpathCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** The subcommand object {@code args} select, with its options set, without running it. */
  @SuppressWarnings("unchecked")
  static <T> T parse(String... args) {
    CommandLine cl = HotpathCommand.commandLine();
    CommandLine.ParseResult r = cl.parseArgs(args);
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return (T) r.commandSpec().userObject();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
