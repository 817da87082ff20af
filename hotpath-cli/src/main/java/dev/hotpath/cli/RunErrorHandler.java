package dev.hotpath.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Errors while a command runs. A {@link UsageError} (or an {@link IllegalArgumentException} from a
 * validated config) is the user's to fix: one line, exit 2. An I/O error: one line, exit 3. Anything
 * else is our bug: the stack trace is printed so it can be reported, exit 3.
 */
final class RunErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    var err = cmd.getErr();
    if (ex instanceof UsageError || ex instanceof IllegalArgumentException) {
      // one line: a threshold's message adds the expression with a caret under it on the next lines
      String first = String.valueOf(ex.getMessage()).lines().findFirst().orElse("bad input");
      err.println("hotpath " + cmd.getCommandName() + ": " + first);
      return ExitCodes.USAGE;
    }
    if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      // a sentence naming the file ("r.json: permission denied"), not NoSuchFileException or "Input length = 1"
      err.println("hotpath " + cmd.getCommandName() + ": " + FileProblem.describe(null, ex));
      return ExitCodes.FAILURE;
    }
    err.println("hotpath " + cmd.getCommandName() + ": internal error, please report it:");
    ex.printStackTrace(err);
    return ExitCodes.FAILURE;
  }
}
