package dev.hotpath.monitor;

import java.util.Locale;

/** How a {@link Profile} is written. */
public enum ProfileFormat {
  /** Self-contained interactive flame graph (async-profiler's HTML). */
  FLAMEGRAPH("text/html; charset=utf-8", "html"),
  /** Brendan Gregg's collapsed stacks: {@code root;child;leaf value} per line. */
  COLLAPSED("text/plain; charset=utf-8", "collapsed"),
  /** A JFR recording (needs the profile to have been recorded as JFR). */
  JFR("application/octet-stream", "jfr"),
  /** Gzipped pprof {@code profile.proto}, as read by {@code go tool pprof} and Grafana Pyroscope. */
  PPROF("application/octet-stream", "pb.gz");

  private final String contentType;
  private final String extension;

  ProfileFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /** The HTTP content type of this format. */
  public String contentType() {
    return contentType;
  }

  /** The usual file extension, without a dot. */
  public String extension() {
    return extension;
  }

  /** Parses {@code flamegraph}, {@code collapsed}, {@code jfr} or {@code pprof} (case-insensitive). */
  public static ProfileFormat parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "flamegraph", "html", "flame" -> FLAMEGRAPH;
      case "collapsed", "folded", "txt" -> COLLAPSED;
      case "jfr" -> JFR;
      case "pprof", "proto", "pb", "pb.gz" -> PPROF;
      default ->
          throw new IllegalArgumentException(
              "format must be one of flamegraph, collapsed, jfr, pprof; was '" + name + "'");
    };
  }
}
