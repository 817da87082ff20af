/** The {@code hotpath} command line. */
module dev.hotpath.cli {
  requires transitive org.jspecify;
  requires dev.hotpath.metrics;
  requires info.picocli;
  requires dev.hotpath.monitor;
  requires ap.loader.all; // hotpath-monitor's optional async-profiler, for `hotpath profile <pid>`
  requires dev.hotpath.load;
  requires dev.hotpath.db;
  requires jdk.management; // the open-file limit, checked against --connections
  requires dev.hotpath.demo;

  opens dev.hotpath.cli to info.picocli;
}
