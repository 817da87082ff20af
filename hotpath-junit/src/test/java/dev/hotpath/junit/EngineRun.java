package dev.hotpath.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs one test method of a deliberately good or bad test class and hands back how it ended. */
final class EngineRun {
  private EngineRun() {}

  /** The failure of {@code testClass#method}, empty when it passed; fails if it did not run. */
  static Optional<Throwable> failureOf(Class<?> testClass, String method) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectMethod(testClass, method)).execute().testEvents();
    if (tests.started().count() != 1) {
      throw new AssertionError(testClass.getSimpleName() + "." + method + " did not run: " + tests.list());
    }
    if (tests.succeeded().count() == 1) {
      return Optional.empty();
    }
    return tests.finished().stream()
        .findFirst()
        .flatMap(e -> e.getPayload(TestExecutionResult.class))
        .flatMap(TestExecutionResult::getThrowable)
        .or(() -> Optional.of(new AssertionError("finished without a throwable: " + tests.list())));
  }

  /** The failure message of {@code testClass#method}, which must have failed. */
  static String failureMessage(Class<?> testClass, String method) {
    return failureOf(testClass, method)
        .map(t -> String.valueOf(t.getMessage()))
        .orElseThrow(() -> new AssertionError(testClass.getSimpleName() + "." + method + " passed but should have failed"));
  }
}
