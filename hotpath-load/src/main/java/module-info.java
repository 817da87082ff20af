/** The load engine: open and closed models, scenarios, results. */
module dev.hotpath.load {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;

  exports dev.hotpath.load;
}
