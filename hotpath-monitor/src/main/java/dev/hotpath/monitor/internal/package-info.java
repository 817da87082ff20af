/** Implementation of hotpath-monitor: not API, may change without notice. */
@NullMarked
package dev.hotpath.monitor.internal;

import org.jspecify.annotations.NullMarked;
