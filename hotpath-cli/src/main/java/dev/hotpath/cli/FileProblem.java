package dev.hotpath.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Turns an I/O failure on a file the user named into a sentence for people ("x.json does not
 * exist", "x.json is not UTF-8 text"), never a Java type name such as {@code NoSuchFileException}
 * or the decoder's "Input length = 1".
 */
final class FileProblem {
  private FileProblem() {}

  /** What went wrong with {@code file} (may be null when the exception names it). */
  static String describe(@Nullable Path file, Throwable failure) {
    Throwable e = failure instanceof UncheckedIOException u ? u.getCause() : failure;
    String name = file != null ? file.toString()
        : e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "the file";
    if (e instanceof NoSuchFileException) {
      return name + " does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return name + ": permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return name + ": a part of the path is not a directory";
    }
    if (e instanceof CharacterCodingException) {
      return name + " is not UTF-8 text";
    }
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("is a directory")) {
        return name + " is a directory, not a file";
      }
      return name + ": " + (reason != null ? reason.toLowerCase(java.util.Locale.ROOT) : "cannot be used");
    }
    String m = e == null ? null : e.getMessage();
    return name + ": " + (m == null || m.isBlank() ? "cannot be read or written" : m);
  }

  /** Reads a text file the user named, or fails with one {@link UsageError} line naming {@code what}. */
  static String readText(String what, Path file) {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new UsageError(what + ": " + file + " is a directory, not a file");
    }
    try {
      return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError(what + ": " + describe(file, e), e);
    }
  }
}
