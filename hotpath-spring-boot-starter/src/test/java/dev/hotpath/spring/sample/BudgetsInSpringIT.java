package dev.hotpath.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.hotpath.junit.ExpectQueries;
import dev.hotpath.junit.MaxQueries;
import dev.hotpath.junit.NoNPlusOne;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * hotpath-junit in a Spring test context: the starter hands the application's statements (here run
 * on Tomcat's threads) to the extension's recorder, so the annotations need no setup. The cases
 * below share the sample application's context and run through the JUnit engine.
 */
class BudgetsInSpringIT {
  @Test
  void anNPlusOneBehindAnEndpointFailsWithTheControllersCallSite() {
    assertThat(failureOf("lazyListingHasNoNPlusOne")).get().asString()
        .contains("@NoNPlusOne(threshold = 3): 1 N+1 pattern")
        .containsPattern("5 x \\[select .* from book b1_0 where b1_0.author_id = \\?\\] from AuthorController\\.view:\\d+")
        .contains("values [[<long>], [<long>], [<long>]"); // the application's redaction (TYPES) applies
  }

  @Test
  void theFetchJoinPassesBothBudgets() {
    assertThat(failureOf("joinedListingIsOneQuery")).isEmpty();
  }

  @Test
  void anExactCountCatchesAnExtraQuery() {
    assertThat(failureOf("oneAuthorIsOneQuery")).get().asString()
        .contains("@ExpectQueries(1): 2 statements ran")
        .contains("from author a1_0")
        .contains("from book b1_0");
  }

  private static Optional<String> failureOf(String method) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectMethod(Cases.class, method)).execute().testEvents();
    assertThat(tests.started().count()).as(method + " ran").isEqualTo(1);
    return tests.failed().stream().findFirst()
        .flatMap(e -> e.getPayload(TestExecutionResult.class))
        .flatMap(TestExecutionResult::getThrowable)
        .map(t -> String.valueOf(t.getMessage()));
  }

  static class Cases extends SampleAppTest {
    // tag::test[]
    @Test
    @NoNPlusOne
    void lazyListingHasNoNPlusOne() {
      assertThat(get("/authors").statusCode()).isEqualTo(200);
    }

    @Test
    @NoNPlusOne
    @MaxQueries(1)
    void joinedListingIsOneQuery() {
      assertThat(get("/authors/joined").statusCode()).isEqualTo(200);
    }
    // end::test[]

    @Test
    @ExpectQueries(1)
    void oneAuthorIsOneQuery() {
      assertThat(get("/authors/4").statusCode()).isEqualTo(200); // the author, then its lazy books: two
    }
  }
}
