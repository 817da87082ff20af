package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void staticRecordingWithoutAScopeIsANoOp() {
    assertThat(Scope.current()).isNull();
    Scope.recordTiming("db", 5);
    Scope.count("cache.hit", 1);
    assertThat(Scope.current()).isNull();
  }

  @Test
  void scopesAreIsolatedAcrossConcurrentVirtualThreads() throws Exception {
    int n = 500;
    CyclicBarrier allOpen = new CyclicBarrier(n);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Scope.Measurement>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int queries = i % 7 + 1;
        results.add(
            pool.submit(
                () -> {
                  try (Scope scope = Scope.open("req")) {
                    allOpen.await(); // every scope is open at once
                    for (int q = 0; q < queries; q++) {
                      Scope.recordTiming("db", 1_000);
                      Thread.yield(); // let other virtual threads run on this carrier
                    }
                    return scope.measurement("db");
                  }
                }));
      }
      for (int i = 0; i < n; i++) {
        int queries = i % 7 + 1;
        assertThat(results.get(i).get()).isEqualTo(new Scope.Measurement(queries, queries * 1_000L));
      }
    }
    assertThat(Scope.current()).isNull();
  }

  @Test
  void nestedScopeRollsUpIntoItsParentOnClose() {
    FakeTicker ticker = new FakeTicker();
    try (Scope outer = Scope.open("request", ticker)) {
      Scope.recordTiming("db", 2_000_000);
      try (Scope inner = Scope.open("service call", ticker)) {
        assertThat(Scope.current()).isSameAs(inner);
        Scope.recordTiming("db", 3_000_000);
        Scope.count("cache.miss", 1);
        assertThat(outer.measurement("db").count()).isEqualTo(1);
      }
      assertThat(Scope.current()).isSameAs(outer);
      assertThat(outer.measurement("db")).isEqualTo(new Scope.Measurement(2, 5_000_000));
      assertThat(outer.measurement("cache.miss")).isEqualTo(new Scope.Measurement(1, 0));
    }
    assertThat(Scope.current()).isNull();
  }

  @Test
  void serverTimingRendersAppTotalAndEachMetric() {
    FakeTicker ticker = new FakeTicker();
    Scope scope = Scope.open("GET /users/{id}", ticker);
    try {
      scope.addTiming("db", 4_100_000);
      scope.addTiming("db", 4_100_000);
      scope.addCount("cache.miss", 1);
      ticker.advance(Duration.ofMillis(12).plusNanos(410_000));
      assertThat(scope.serverTiming())
          .isEqualTo("app;dur=12.41, db;dur=8.20;desc=\"2\", cache.miss;desc=\"1\"");
    } finally {
      scope.close();
    }
    ticker.advance(Duration.ofSeconds(5));
    assertThat(scope.elapsedNanos()).as("closed scopes keep their duration").isEqualTo(12_410_000);
  }

  @Test
  void metricNamesAreSanitisedToTokens() {
    try (Scope scope = Scope.open("x")) {
      scope.addCount("db query;evil", 1);
      assertThat(scope.serverTiming()).contains("db_query_evil;desc=\"1\"");
    }
  }

  @Test
  void wrapCarriesTheScopeToAnotherThread() throws Exception {
    try (Scope scope = Scope.open("fan-out")) {
      Thread t = Thread.ofVirtual().start(scope.wrap(() -> Scope.recordTiming("db", 7)));
      t.join();
      assertThat(scope.measurement("db")).isEqualTo(new Scope.Measurement(1, 7));
    }
  }

  @Test
  void aThreadThatCountedBeforeAnyScopeCountsIntoOneOpenedLater() throws Exception {
    // Scope.count skips its thread-local lookup until some scope was opened: a thread that first
    // ran with no scope must still attribute once a scope is opened (here, or wrapped to it).
    try (ExecutorService worker = Executors.newSingleThreadExecutor()) {
      worker.submit(() -> Scope.count("cache.hit", 1)).get();
      try (Scope scope = Scope.open("later")) {
        worker.submit(scope.wrap(() -> Scope.count("cache.hit", 1))).get();
        worker.submit(() -> {
          try (Scope own = Scope.open("own")) {
            Scope.count("cache.miss", 2);
            Scope.recordTiming("db", 3);
            assertThat(own.measurement("cache.miss")).isEqualTo(new Scope.Measurement(2, 0));
            assertThat(own.measurement("db")).isEqualTo(new Scope.Measurement(1, 3));
          }
        }).get();
        Scope.count("cache.hit", 1);
        assertThat(scope.measurement("cache.hit")).isEqualTo(new Scope.Measurement(2, 0));
        assertThat(scope.measurement("cache.miss")).isEqualTo(Scope.Measurement.NONE);
      }
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    Scope outer = Scope.open("outer");
    Scope inner = Scope.open("inner");
    inner.addTiming("db", 1);
    inner.close();
    inner.close();
    assertThat(outer.measurement("db").count()).isEqualTo(1);
    outer.close();
    assertThat(Scope.current()).isNull();
  }
}
