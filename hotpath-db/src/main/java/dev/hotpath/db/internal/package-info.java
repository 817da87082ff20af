/** Implementation of hotpath-db: JDBC proxies, plan parsing, hashing. Not API. */
@NullMarked
package dev.hotpath.db.internal;

import org.jspecify.annotations.NullMarked;
