package dev.hotpath.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Bad flags and values: one line naming the problem, picocli's suggestion if it has one, and where
 * to read the usage; exit code 2, no stack trace.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    StringWriter suggestions = new StringWriter();
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
    String hint = suggestions.toString().strip().replaceAll("\\s*\\R\\s*", " ");
    String name = cmd.getCommandSpec().qualifiedName();
    String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    err.println(name + ": " + message + (hint.isEmpty() ? "" : "; " + lower(hint))
        + " (see '" + name + " --help')");
    return ExitCodes.USAGE;
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
