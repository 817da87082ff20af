package dev.hotpath.monitor;

import dev.hotpath.metrics.Scope;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Times every request of a Servlet container (Jakarta Servlet 6) through {@link RequestTiming}: a
 * {@link Scope} per request, the {@code http.server.requests} timer, the slow-request log and a
 * {@code Server-Timing} header.
 *
 * <p>The header is set when the application first asks for the body stream or writer, sends an
 * error or redirect, or, if it never does, after the chain returns while the response is not yet
 * committed; so it covers the work done before the body starts. The {@code uri} tag is, in order:
 * the request attribute {@link RequestTiming#URI_TEMPLATE_ATTRIBUTE}, Spring MVC's best matching
 * pattern, the Servlet mapping's pattern, else Micrometer's {@code NOT_FOUND}/{@code
 * REDIRECTION}/{@code UNKNOWN}. Async requests are recorded when they complete.
 *
 * <p>Thread-safe; one instance serves the whole application.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new TimingServletFilter(timing)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
// The Servlet API is optional (requires static): users of the JDK-server filter need not have it.
@SuppressWarnings("exports")
public final class TimingServletFilter implements Filter {
  private static final String SPRING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private final RequestTiming timing;

  public TimingServletFilter(RequestTiming timing) {
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    String method = request.getMethod();
    String path = request.getRequestURI();
    Scope scope = timing.open(method, path);
    HttpServletResponse target =
        timing.serverTimingHeader() ? new ServerTimingResponse(response, scope) : response;
    Throwable failure = null;
    try {
      chain.doFilter(request, target);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      if (failure == null && request.isAsyncStarted()) {
        Scope detached = scope;
        // The scope is thread-local: end it on this thread, keep timing until the async end.
        request
            .getAsyncContext()
            .addListener(
                new AsyncListener() {
                  @Override
                  public void onComplete(AsyncEvent event) {
                    finish(detached, request, response, method, path, null);
                  }

                  @Override
                  public void onTimeout(AsyncEvent event) {}

                  @Override
                  public void onError(AsyncEvent event) {}

                  @Override
                  public void onStartAsync(AsyncEvent event) {}
                });
      } else {
        if (timing.serverTimingHeader() && !response.isCommitted()) {
          response.setHeader("Server-Timing", scope.serverTiming());
        }
        finish(scope, request, response, method, path, failure);
      }
    }
  }

  private void finish(
      Scope scope,
      HttpServletRequest request,
      HttpServletResponse response,
      String method,
      String path,
      @Nullable Throwable failure) {
    int status = response.getStatus();
    if (failure != null && status < 400) {
      status = 500;
    }
    timing.finish(scope, method, path, uriTemplate(request), status, failure);
  }

  static @Nullable String uriTemplate(HttpServletRequest request) {
    if (request.getAttribute(RequestTiming.URI_TEMPLATE_ATTRIBUTE) instanceof String s) {
      return s;
    }
    if (request.getAttribute(SPRING_PATTERN) instanceof String s) {
      return s;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping != null && mapping.getMappingMatch() != null) {
      return switch (mapping.getMappingMatch()) {
        case CONTEXT_ROOT -> "root";
        case EXACT, PATH, EXTENSION -> request.getContextPath() + mapping.getPattern();
        case DEFAULT -> null;
      };
    }
    return null;
  }

  /** Sets Server-Timing before anything can commit the response. */
  private static final class ServerTimingResponse extends HttpServletResponseWrapper {
    private final Scope scope;

    ServerTimingResponse(HttpServletResponse response, Scope scope) {
      super(response);
      this.scope = scope;
    }

    private void stamp() {
      if (!isCommitted()) {
        setHeader("Server-Timing", scope.serverTiming());
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      stamp();
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      stamp();
      return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
      stamp();
      super.flushBuffer();
    }

    @Override
    public void sendError(int sc, @Nullable String msg) throws IOException {
      stamp();
      super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
      stamp();
      super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      stamp();
      super.sendRedirect(location);
    }
  }
}
