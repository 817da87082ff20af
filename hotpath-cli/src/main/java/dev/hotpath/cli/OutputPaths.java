package dev.hotpath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that keep what a user gave: an output never replaces an input, and one file is not given
 * twice. Two paths are the same file when they resolve to it, however written ({@code a.json},
 * {@code ./x/../a.json}, a link).
 */
final class OutputPaths {
  private OutputPaths() {}

  /** Whether {@code a} and {@code b} name the same file (or would, once created). */
  static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // fall through to comparing the names
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /**
   * Refuses (exit 2) when {@code out}, an option's file, is one of {@code inputs}.
   *
   * @param option the option that names {@code out}, e.g. {@code --html}
   */
  static void refuseOverwrite(Path out, String option, List<Path> inputs) {
    for (Path in : inputs) {
      if (same(out, in)) {
        throw new UsageError(option + " " + out + " is an input (" + in + "): writing it would destroy that input;"
            + " choose another file");
      }
    }
  }

  /**
   * Refuses (exit 2), before any work, an output that is one of {@code inputs}, a directory, or in
   * a directory that does not exist.
   */
  static void checkOutput(Path out, String option, List<Path> inputs) {
    refuseOverwrite(out, option, inputs);
    if (Files.isDirectory(out)) {
      throw new UsageError(option + " " + out + " is a directory; give a file name");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UsageError(option + " " + out + ": the directory " + parent + " does not exist; create it first");
    }
  }

  /** Refuses (exit 2) when two of {@code inputs} are the same file. */
  static void refuseSameFiles(List<Path> inputs, String why) {
    for (int i = 0; i < inputs.size(); i++) {
      for (int j = i + 1; j < inputs.size(); j++) {
        if (same(inputs.get(i), inputs.get(j))) {
          throw new UsageError(inputs.get(i) + " and " + inputs.get(j) + " are the same file: " + why);
        }
      }
    }
  }
}
