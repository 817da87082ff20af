package dev.hotpath.cli;

import dev.hotpath.metrics.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads every {@link Duration} option with hotpath's one duration grammar ({@link Durations#parse}:
 * {@code 250ms}, {@code 30s}, {@code 1m30s}, {@code 2h}); picocli names the option in the message.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
