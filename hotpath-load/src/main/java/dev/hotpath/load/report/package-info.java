/**
 * Reading results: the self-contained HTML report ({@link dev.hotpath.load.report.HtmlReport})
 * and the significance-tested comparison of two runs that a CI gate uses
 * ({@link dev.hotpath.load.report.ResultComparison}).
 */
@NullMarked
package dev.hotpath.load.report;

import org.jspecify.annotations.NullMarked;
