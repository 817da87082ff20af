package dev.hotpath.http;

import dev.hotpath.http.internal.AcceptEncoding;
import dev.hotpath.http.internal.CompressingResponse;
import dev.hotpath.metrics.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A servlet filter that compresses response bodies with the best content coding the client
 * accepts: zstd (when zstd-jni is on the class path), gzip or deflate.
 *
 * <p>What it guarantees, unlike the naive middleware that compresses everything:
 *
 * <ul>
 *   <li>{@code Accept-Encoding} is negotiated with q-values: {@code q=0} refuses a coding, {@code
 *       identity} and {@code *} are honoured, no header means no compression;
 *   <li>bodies shorter than {@link CompressionConfig#minBytes()}, content types that are already
 *       compressed, responses that already have a {@code Content-Encoding}, range requests, {@code
 *       204/206/304} and included dispatches are left untouched;
 *   <li>{@code Vary: Accept-Encoding} is set on every response whose coding depends on the request
 *       header, the uncompressed {@code Content-Length} is removed from coded responses, and a
 *       strong {@code ETag} gets a coding suffix;
 *   <li>bodies are streamed: at most {@code minBytes} are held back before the decision, and a
 *       flush by the application is a sync flush of the coder, so streamed responses stay live;
 *   <li>the request's {@link Scope}, when one is open as the filter runs, receives the byte counts
 *       before and after compression as {@code compression.bytes.in} and {@code
 *       compression.bytes.out}.
 * </ul>
 *
 * <p>Asynchronous requests: the coding is finished when the application closes the response's
 * output stream or writer, or when the filter chain returns; an async response must therefore be
 * closed by the application before it completes the async context. Non-blocking output ({@code
 * setWriteListener}) goes out uncompressed.
 *
 * <p>Thread-safe: one instance serves all requests; the config is immutable.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addFilter(new FilterHolder(new CompressionFilter(CompressionConfig.ofDefaults())),
 *     "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>Declared in {@code web.xml}, the no-argument constructor reads the init parameters {@code
 * minBytes}, {@code gzipLevel}, {@code zstdLevel} and {@code codings} (comma-separated tokens).
 */
@SuppressWarnings("exports") // Servlet is optional here; users of this filter bring it
public final class CompressionFilter implements Filter {
  private static final String APPLIED = CompressionFilter.class.getName() + ".applied";

  private volatile CompressionConfig config;
  private volatile List<ContentCoding> offered;
  private final boolean fromInitParams;

  /** A filter configured from its init parameters (or the defaults), for {@code web.xml}. */
  public CompressionFilter() {
    this(CompressionConfig.ofDefaults(), true);
  }

  /** A filter with {@code config}. */
  public CompressionFilter(CompressionConfig config) {
    this(config, false);
  }

  private CompressionFilter(CompressionConfig config, boolean fromInitParams) {
    this.config = Objects.requireNonNull(config, "config");
    this.offered = available(config);
    this.fromInitParams = fromInitParams;
  }

  private static List<ContentCoding> available(CompressionConfig config) {
    return config.codings().stream().filter(ContentCoding::isAvailable).toList();
  }

  /** The codings this filter offers in this JVM, most preferred first. */
  public List<ContentCoding> offeredCodings() {
    return offered;
  }

  @Override
  public void init(FilterConfig filterConfig) {
    if (!fromInitParams) {
      return;
    }
    CompressionConfig.Builder b = CompressionConfig.from(config);
    String v;
    if ((v = filterConfig.getInitParameter("minBytes")) != null) {
      b.minBytes(parseInt("minBytes", v));
    }
    if ((v = filterConfig.getInitParameter("gzipLevel")) != null) {
      b.gzipLevel(parseInt("gzipLevel", v));
    }
    if ((v = filterConfig.getInitParameter("zstdLevel")) != null) {
      b.zstdLevel(parseInt("zstdLevel", v));
    }
    if ((v = filterConfig.getInitParameter("codings")) != null) {
      String[] tokens = v.split(",", -1);
      ContentCoding[] codings = new ContentCoding[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        ContentCoding c = ContentCoding.fromToken(tokens[i].trim());
        if (c == null) {
          throw new IllegalArgumentException("codings must list gzip, deflate or zstd, was '" + v + "'");
        }
        codings[i] = c;
      }
      b.codings(codings);
    }
    CompressionConfig built = b.build();
    config = built;
    offered = available(built);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)
        || request.getDispatcherType() == DispatcherType.INCLUDE
        || request.getAttribute(APPLIED) != null) {
      chain.doFilter(req, res);
      return;
    }
    request.setAttribute(APPLIED, true);
    // A range names bytes of the identity body; coding it would make those offsets meaningless.
    ContentCoding coding = request.getHeader("Range") != null ? null : AcceptEncoding.negotiate(acceptEncoding(request), offered);
    CompressingResponse wrapped = new CompressingResponse(response, config, coding, Scope.current());
    boolean ok = false;
    try {
      chain.doFilter(request, wrapped);
      ok = true;
    } finally {
      if (ok) {
        wrapped.finish();
      } else {
        wrapped.abandon(); // the container writes an error page of its own; free the coder
      }
    }
  }

  /** All {@code Accept-Encoding} lines joined, or {@code null} when the header is absent. */
  private static @Nullable String acceptEncoding(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("Accept-Encoding");
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    StringBuilder sb = new StringBuilder(first);
    while (values.hasMoreElements()) {
      sb.append(',').append(values.nextElement());
    }
    return sb.toString();
  }
}
