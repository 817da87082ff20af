package dev.hotpath.monitor;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.hotpath.metrics.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Times every exchange of a JDK {@code com.sun.net.httpserver.HttpServer} through {@link
 * RequestTiming}: a {@link Scope} per request, the {@code http.server.requests} timer (its {@code
 * uri} tag is the context's path, which is bounded), the slow-request log and a {@code
 * Server-Timing} header added just before the handler sends the response headers.
 *
 * <p>Thread-safe; add one instance to each context.
 *
 * <pre>{@code
 * server.createContext("/api", handler).getFilters().add(new TimingHttpFilter(timing));
 * }</pre>
 */
public final class TimingHttpFilter extends Filter {
  private final RequestTiming timing;

  public TimingHttpFilter(RequestTiming timing) {
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Scope scope = timing.open(method, path);
    Throwable failure = null;
    try {
      chain.doFilter(timing.serverTimingHeader() ? new ServerTimingExchange(exchange, scope) : exchange);
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      int status = exchange.getResponseCode();
      if (status < 0) {
        status = failure == null ? 200 : 500;
      }
      timing.finish(scope, method, path, exchange.getHttpContext().getPath(), status, failure);
    }
  }

  @Override
  public String description() {
    return "hotpath request timing";
  }

  /** Delegates everything; adds Server-Timing when the handler commits the response headers. */
  private static final class ServerTimingExchange extends HttpExchange {
    private final HttpExchange d;
    private final Scope scope;

    ServerTimingExchange(HttpExchange d, Scope scope) {
      this.d = d;
      this.scope = scope;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
      d.getResponseHeaders().set("Server-Timing", scope.serverTiming());
      d.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public Headers getRequestHeaders() {
      return d.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
      return d.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
      return d.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
      return d.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
      return d.getHttpContext();
    }

    @Override
    public void close() {
      d.close();
    }

    @Override
    public InputStream getRequestBody() {
      return d.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
      return d.getResponseBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return d.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
      return d.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return d.getLocalAddress();
    }

    @Override
    public String getProtocol() {
      return d.getProtocol();
    }

    @Override
    public @Nullable Object getAttribute(String name) {
      return d.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      d.setAttribute(name, value);
    }

    @Override
    public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
      d.setStreams(i, o);
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
      return d.getPrincipal();
    }
  }
}
