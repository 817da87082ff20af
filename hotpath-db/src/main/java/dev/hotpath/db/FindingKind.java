package dev.hotpath.db;

/** What {@link ExplainAdvisor} can find in a plan. */
public enum FindingKind {
  /** A sequential / full scan of a large table under a selective filter: an index is missing. */
  FULL_SCAN_SELECTIVE_FILTER,
  /** {@code LIKE '%...'}: a B-tree index cannot help; consider trigram or full-text search. */
  LEADING_WILDCARD_LIKE,
  /** {@code SELECT *}: fetches every column, defeats covering indexes. */
  SELECT_STAR,
  /** A large result without {@code LIMIT}: page it. */
  NO_LIMIT_LARGE_RESULT,
  /** Rows sorted at query time (PostgreSQL Sort, MariaDB filesort): an index in that order avoids it. */
  FILESORT,
  /** A temporary table, or a sort or hash spilling to disk. */
  TEMPORARY_TABLE
}
