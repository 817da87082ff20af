package dev.hotpath.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** The command's output writer (picocli's, so tests can capture it), or standard out without one. */
final class CliOutput {
  private CliOutput() {}

  static PrintWriter out(CommandLine.Model.@Nullable CommandSpec spec) {
    return spec != null ? spec.commandLine().getOut()
        : new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
  }

  static PrintWriter err(CommandLine.Model.@Nullable CommandSpec spec) {
    return spec != null ? spec.commandLine().getErr()
        : new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
  }
}
