/**
 * The guide's payment case study ({@code hotpath demo payments}): a payments service that must survive
 * a slow, failing and then absent gateway and the loss of one of its three instances, run naive and
 * optimized on one fault timeline, with double charges and lost payments counted, not guessed.
 */
@NullMarked
package dev.hotpath.demo.payments;

import org.jspecify.annotations.NullMarked;
