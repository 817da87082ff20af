package dev.hotpath.resilience;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How to run a call of one functional shape. The guards write their synchronous call path once,
 * over an {@code Object} body and one of these constants, so {@code call}, {@code get} and
 * {@code run} share it without wrapping the body in an adapter (which would allocate per call).
 */
enum Body {
  CALLABLE {
    @Override
    @Nullable Object invoke(Object body) throws Exception {
      return ((Callable<?>) body).call();
    }
  },
  SUPPLIER {
    @Override
    @Nullable Object invoke(Object body) {
      return ((Supplier<?>) body).get();
    }
  },
  RUNNABLE {
    @Override
    @Nullable Object invoke(Object body) {
      ((Runnable) body).run();
      return null;
    }
  };

  /** Runs {@code body}, which has this shape. */
  abstract @Nullable Object invoke(Object body) throws Exception;

  /** Whether the body returns a result that a result predicate may judge. */
  boolean hasResult() {
    return this != RUNNABLE;
  }

  /**
   * The result of a body of any shape, as the caller's type. The suppressions are sound: the
   * caller's body produced this value as its own T (nullness included), we only carried it as an
   * Object.
   */
  @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
  static <T extends @Nullable Object> T cast(@Nullable Object result) {
    return (T) result;
  }

  /**
   * What a {@code Supplier} or {@code Runnable} body threw, as an unchecked exception: only
   * unchecked ones can come out of them, unless one was thrown sneakily (then it is wrapped).
   */
  static RuntimeException unchecked(Exception e) {
    return e instanceof RuntimeException r ? r : new UndeclaredThrowableException(e);
  }
}
