/** JUnit Jupiter extension: query-count, N+1, query-time, latency and allocation budgets on tests. */
module dev.hotpath.junit {
  requires transitive org.jspecify;
  requires transitive org.junit.jupiter.api;
  requires transitive dev.hotpath.db;
  requires java.management;
  requires jdk.management;

  exports dev.hotpath.junit;
}
