package dev.hotpath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before any work starts, that an output file can be written and is none of the inputs: a
 * long run must not end by failing to write its result, and nothing a user gave may be overwritten.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** An input file and the flag or argument that named it ({@code file} null when not given). */
  record Input(String flag, @Nullable Path file) {}

  /**
   * Fails with a {@link UsageError} naming {@code flag} when {@code out} is a directory, its
   * directory does not exist or cannot be written, or it is one of {@code inputs}.
   */
  static void check(String flag, @Nullable Path out, Input... inputs) {
    if (out == null) {
      return;
    }
    if (Files.isDirectory(out)) {
      throw new UsageError(flag + " " + out + " is a directory; give a file name, e.g. " + out.resolve("result.json"));
    }
    Path dir = out.toAbsolutePath().normalize().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageError(flag + " " + out + ": the directory " + dir + " does not exist; create it first");
    }
    if (dir != null && !Files.isWritable(dir)) {
      throw new UsageError(flag + " " + out + ": the directory " + dir + " is not writable");
    }
    if (Files.exists(out) && !Files.isWritable(out)) {
      throw new UsageError(flag + " " + out + " exists and is not writable");
    }
    for (Input in : inputs) {
      Path p = in.file();
      if (p != null && same(out, p)) {
        throw new UsageError(flag + " " + out + " is also the " + in.flag()
            + " file; writing it would destroy that input: choose another name");
      }
    }
  }

  /** Whether two paths name one file (also through links, when both exist). */
  static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
