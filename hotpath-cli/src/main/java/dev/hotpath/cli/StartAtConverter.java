package dev.hotpath.cli;

import dev.hotpath.load.StartAt;
import java.time.Instant;
import picocli.CommandLine;

/** {@code --start-at}: an ISO-8601 instant or {@code +DURATION} from now (the one duration grammar). */
final class StartAtConverter implements CommandLine.ITypeConverter<StartAt> {
  private static final String PREFIX = "--start-at: ";

  @Override
  public StartAt convert(String value) {
    try {
      return StartAt.parse(value, Instant.now());
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      throw new CommandLine.TypeConversionException(m.startsWith(PREFIX) ? m.substring(PREFIX.length()) : m);
    }
  }
}
