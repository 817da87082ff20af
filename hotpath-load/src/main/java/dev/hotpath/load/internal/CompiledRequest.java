package dev.hotpath.load.internal;

import dev.hotpath.load.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request compiled once before the run. When nothing in it is templated, its HTTP/1.1 bytes and
 * its HTTP/2 header block are built here, once, and every send reuses them; otherwise only the
 * templated parts are rendered per request. Immutable, thread-safe.
 */
final class CompiledRequest {
  /** Headers HTTP/2 forbids (connection-specific) or carries as pseudo-headers. */
  private static final Set<String> NOT_IN_H2 =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "te");

  private final String method;
  private final Template target; // path and query
  private final String authority;
  private final String scheme;
  private final List<String> headerNames = new ArrayList<>();
  private final List<Template> headerValues = new ArrayList<>();
  private final Template body;
  private final boolean sendsLength;
  private final List<List<String>> csvRows;
  private final boolean usesCsv;
  private final byte @Nullable [] constantBytes; // HTTP/1.1, when nothing is templated
  private volatile @Nullable Http2Headers constantH2Headers; // built on first use: HTTP/1.1 runs never load HTTP/2's classes
  private final byte[] constantBody;
  final boolean head;

  CompiledRequest(RequestSpec spec, List<String> csvColumns, List<List<String>> csvRows) {
    this.method = spec.method();
    this.head = method.equals("HEAD");
    this.csvRows = csvRows;
    URI u = spec.uri();
    int port = u.getPort();
    boolean https = "https".equalsIgnoreCase(u.getScheme());
    this.scheme = https ? "https" : "http";
    this.authority = u.getHost() + (port < 0 || port == (https ? 443 : 80) ? "" : ":" + port);
    this.target = Template.compile(rawTarget(spec.url()), csvColumns);
    for (Map.Entry<String, String> h : spec.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("content-length")) {
        continue; // computed
      }
      headerNames.add(h.getKey());
      headerValues.add(Template.compile(h.getValue(), csvColumns));
    }
    this.body = Template.compile(spec.body(), csvColumns);
    this.sendsLength = !spec.body().isEmpty() || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    boolean constant = target.isConstant() && body.isConstant();
    boolean csv = target.usesCsv() || body.usesCsv();
    for (Template t : headerValues) {
      constant &= t.isConstant();
      csv |= t.usesCsv();
    }
    this.usesCsv = csv;
    this.constantBytes = constant ? render(0) : null;
    this.constantBody = constant ? renderBody(0, row(0)) : new byte[0];
  }

  /** The raw path and query from the template text itself (the URI was parsed with templates blanked). */
  private static String rawTarget(String url) {
    int schemeEnd = url.indexOf("://");
    int pathStart = url.indexOf('/', schemeEnd + 3);
    int queryStart = url.indexOf('?', schemeEnd + 3);
    String raw;
    if (pathStart < 0 && queryStart < 0) {
      raw = "/";
    } else if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
      raw = "/" + url.substring(queryStart);
    } else {
      raw = url.substring(pathStart);
    }
    int hash = raw.indexOf('#');
    return hash >= 0 ? raw.substring(0, hash) : raw;
  }

  /** The HTTP/1.1 bytes when the request is the same every time, else null (render per request). */
  byte @Nullable [] constantBytes() {
    return constantBytes;
  }

  /** The HTTP/1.1 bytes of request number {@code seq}, in a new buffer (templated requests). */
  ByteBuf encode(ByteBufAllocator alloc, long seq) {
    byte[] bytes = constantBytes != null ? constantBytes : render(seq);
    return alloc.buffer(bytes.length).writeBytes(bytes);
  }

  /** The HTTP/2 body of request number {@code seq} (empty for none); render it first, then its headers. */
  byte[] h2Body(long seq) {
    return constantBytes != null ? constantBody : renderBody(seq, row(seq));
  }

  /**
   * The HTTP/2 headers of request number {@code seq} whose body ({@link #h2Body}) is {@code
   * bodyLength} bytes; shared (never to be changed) when the request is constant.
   */
  Http2Headers h2Headers(long seq, int bodyLength) {
    if (constantBytes == null) {
      return h2Headers(seq, row(seq), bodyLength);
    }
    Http2Headers h = constantH2Headers;
    if (h == null) { // a benign race: loops that build it at once build the same headers
      h = h2Headers(0, row(0), constantBody.length);
      constantH2Headers = h;
    }
    return h;
  }

  /** Whether a request without a body still sends {@code Content-Length: 0} (POST, PUT, PATCH). */
  boolean hasBody() {
    return sendsLength;
  }

  private List<String> row(long seq) {
    return usesCsv ? csvRows.get((int) Math.floorMod(seq, (long) csvRows.size())) : List.of();
  }

  private Http2Headers h2Headers(long seq, List<String> row, int bodyLength) {
    StringBuilder path = new StringBuilder();
    target.appendTo(path, seq, row);
    Http2Headers h = new DefaultHttp2Headers()
        .method(AsciiString.cached(method))
        .scheme(AsciiString.cached(scheme))
        .authority(new AsciiString(authority))
        .path(path.toString());
    for (int i = 0; i < headerNames.size(); i++) {
      String name = headerNames.get(i).toLowerCase(Locale.ROOT);
      if (!NOT_IN_H2.contains(name)) {
        StringBuilder v = new StringBuilder();
        headerValues.get(i).appendTo(v, seq, row);
        h.add(new AsciiString(name), v.toString());
      }
    }
    if (sendsLength) {
      h.setInt("content-length", bodyLength);
    }
    return h;
  }

  private byte[] renderBody(long seq, List<String> row) {
    if (!sendsLength) {
      return new byte[0];
    }
    StringBuilder b = new StringBuilder();
    body.appendTo(b, seq, row);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] render(long seq) {
    List<String> row = row(seq);
    StringBuilder sb = new StringBuilder(128);
    sb.append(method).append(' ');
    target.appendTo(sb, seq, row);
    sb.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
    for (int i = 0; i < headerNames.size(); i++) {
      sb.append(headerNames.get(i)).append(": ");
      headerValues.get(i).appendTo(sb, seq, row);
      sb.append("\r\n");
    }
    byte[] bodyBytes = renderBody(seq, row);
    if (sendsLength) {
      sb.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (bodyBytes.length == 0) {
      return head;
    }
    byte[] all = new byte[head.length + bodyBytes.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
    return all;
  }
}
