package dev.hotpath.db;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link ExplainAdvisor}; immutable, validated once in {@link Builder#build()}: a bad
 * value throws {@link IllegalArgumentException} naming the setting, the value and the allowed
 * range. Thread-safe (immutable).
 *
 * <pre>{@code
 * ExplainConfig config = ExplainConfig.builder().analyze(true).build(); // runs the statement
 * }</pre>
 */
public final class ExplainConfig {
  private static final ExplainConfig DEFAULTS = builder().build();

  private final boolean analyze;
  private final long largeTableRows;
  private final double selectiveFraction;
  private final long largeResultRows;
  private final boolean allowRealIndexOnMariaDb;

  private ExplainConfig(Builder b) {
    this.analyze = b.analyze;
    this.largeTableRows = b.largeTableRows;
    this.selectiveFraction = b.selectiveFraction;
    this.largeResultRows = b.largeResultRows;
    this.allowRealIndexOnMariaDb = b.allowRealIndexOnMariaDb;
  }

  /** No ANALYZE, large table 10,000 rows, selective 5%, large result 1,000 rows, no real MariaDB DDL. */
  public static ExplainConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(ExplainConfig base) {
    return new Builder(base);
  }

  /** Run the statement for real row counts ({@code EXPLAIN ANALYZE}); it runs inside a transaction that is rolled back, but it does run (locks, time, side effects outside the database). Off by default. */
  public boolean analyze() {
    return analyze;
  }

  /** A scanned table with at least this many rows counts as large (at least 1). */
  public long largeTableRows() {
    return largeTableRows;
  }

  /** A filter keeping at most this fraction of a table is selective, in (0, 1]. */
  public double selectiveFraction() {
    return selectiveFraction;
  }

  /** A result with at least this many rows is large (at least 1). */
  public long largeResultRows() {
    return largeResultRows;
  }

  /** Let {@link ExplainAdvisor#verify} create and then drop a real index on MariaDB/MySQL, whose DDL cannot be rolled back; off by default. */
  public boolean allowRealIndexOnMariaDb() {
    return allowRealIndexOnMariaDb;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ExplainConfig o)) {
      return false;
    }
    return analyze == o.analyze
        && largeTableRows == o.largeTableRows
        && Double.compare(selectiveFraction, o.selectiveFraction) == 0
        && largeResultRows == o.largeResultRows
        && allowRealIndexOnMariaDb == o.allowRealIndexOnMariaDb;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        analyze,
        largeTableRows,
        selectiveFraction,
        largeResultRows,
        allowRealIndexOnMariaDb);
  }

  @Override
  public String toString() {
    return "ExplainConfig{"
        + "analyze=" + analyze
        + ", largeTableRows=" + largeTableRows
        + ", selectiveFraction=" + selectiveFraction
        + ", largeResultRows=" + largeResultRows
        + ", allowRealIndexOnMariaDb=" + allowRealIndexOnMariaDb
        + "}";
  }

  /** Builds a {@link ExplainConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private boolean analyze = false;
    private long largeTableRows = 10_000;
    private double selectiveFraction = 0.05;
    private long largeResultRows = 1_000;
    private boolean allowRealIndexOnMariaDb = false;

    private Builder() {}

    private Builder(ExplainConfig base) {
      this.analyze = base.analyze;
      this.largeTableRows = base.largeTableRows;
      this.selectiveFraction = base.selectiveFraction;
      this.largeResultRows = base.largeResultRows;
      this.allowRealIndexOnMariaDb = base.allowRealIndexOnMariaDb;
    }

    /** See {@link ExplainConfig#analyze()}. */
    public Builder analyze(boolean value) {
      this.analyze = value;
      return this;
    }

    /** See {@link ExplainConfig#largeTableRows()}. */
    public Builder largeTableRows(long value) {
      this.largeTableRows = value;
      return this;
    }

    /** See {@link ExplainConfig#selectiveFraction()}. */
    public Builder selectiveFraction(double value) {
      this.selectiveFraction = value;
      return this;
    }

    /** See {@link ExplainConfig#largeResultRows()}. */
    public Builder largeResultRows(long value) {
      this.largeResultRows = value;
      return this;
    }

    /** See {@link ExplainConfig#allowRealIndexOnMariaDb()}. */
    public Builder allowRealIndexOnMariaDb(boolean value) {
      this.allowRealIndexOnMariaDb = value;
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public ExplainConfig build() {
      inRange("ExplainConfig.largeTableRows", largeTableRows, 1, Long.MAX_VALUE);
      require(selectiveFraction > 0 && selectiveFraction <= 1, "ExplainConfig.selectiveFraction", "in (0, 1]", selectiveFraction);
      inRange("ExplainConfig.largeResultRows", largeResultRows, 1, Long.MAX_VALUE);
      return new ExplainConfig(this);
    }
  }
}
