/** The {@code hotpath} command line: one picocli subcommand per tool. */
@NullMarked
package dev.hotpath.cli;

import org.jspecify.annotations.NullMarked;
