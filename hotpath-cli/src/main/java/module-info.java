/** The {@code hotpath} command line. */
module dev.hotpath.cli {
  requires transitive org.jspecify;
  requires dev.hotpath.metrics;
  requires info.picocli;

  opens dev.hotpath.cli to info.picocli;
}
