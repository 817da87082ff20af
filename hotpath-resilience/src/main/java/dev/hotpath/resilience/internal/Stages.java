package dev.hotpath.resilience.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Small helpers for the async call paths. */
public final class Stages {
  private Stages() {}

  /** The cause of a {@link CompletionException} or {@link ExecutionException}, else {@code error}. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error.getCause();
    return (error instanceof CompletionException || error instanceof ExecutionException)
        && cause != null ? cause : error;
  }

  /** Cancels {@code stage} if it can be cancelled; a stage that cannot runs to its end. */
  public static void cancelQuietly(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException e) {
      // a stage that cannot be cancelled (or converted) runs to its end; nothing to free here
    }
  }

  /** The failure of an async call whose supplier returned {@code null} instead of a stage. */
  public static NullPointerException nullStage(String guard) {
    return new NullPointerException(
        "the supplier given to '" + guard + "'.callAsync returned null instead of a CompletionStage");
  }
}
