/** Implementation details of hotpath-http: content codings, negotiation, the compressing stream. */
@NullMarked
package dev.hotpath.http.internal;

import org.jspecify.annotations.NullMarked;
