package dev.hotpath.load.internal;

import dev.hotpath.load.RequestSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request compiled once: when nothing in it is templated its bytes are encoded once and every
 * send writes a duplicate of the same buffer; otherwise only the templated parts are rendered.
 */
final class CompiledRequest {
  private final String method;
  private final Template target; // path and query
  private final String hostHeader;
  private final List<String> headerNames = new ArrayList<>();
  private final List<Template> headerValues = new ArrayList<>();
  private final Template body;
  private final boolean sendsLength;
  private final List<List<String>> csvRows;
  private final boolean usesCsv;
  private final ByteBuf constant; // unreleasable; empty when templated
  final boolean head;

  CompiledRequest(RequestSpec spec, List<String> csvColumns, List<List<String>> csvRows) {
    this.method = spec.method();
    this.head = method.equals("HEAD");
    this.csvRows = csvRows;
    URI u = spec.uri();
    int port = u.getPort();
    boolean https = "https".equalsIgnoreCase(u.getScheme());
    this.hostHeader = u.getHost() + (port < 0 || port == (https ? 443 : 80) ? "" : ":" + port);
    // the raw path and query from the template text itself (the URI was parsed with templates blanked)
    String url = spec.url();
    int schemeEnd = url.indexOf("://");
    int pathStart = url.indexOf('/', schemeEnd + 3);
    int queryStart = url.indexOf('?', schemeEnd + 3);
    String rawTarget;
    if (pathStart < 0 && queryStart < 0) {
      rawTarget = "/";
    } else if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
      rawTarget = "/" + url.substring(queryStart);
    } else {
      rawTarget = url.substring(pathStart);
    }
    int hash = rawTarget.indexOf('#');
    if (hash >= 0) {
      rawTarget = rawTarget.substring(0, hash);
    }
    this.target = Template.compile(rawTarget, csvColumns);
    for (Map.Entry<String, String> h : spec.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("content-length")) {
        continue; // computed
      }
      headerNames.add(h.getKey());
      headerValues.add(Template.compile(h.getValue(), csvColumns));
    }
    this.body = Template.compile(spec.body(), csvColumns);
    this.sendsLength = !spec.body().isEmpty() || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    boolean constantRequest = target.isConstant() && body.isConstant();
    boolean csv = target.usesCsv() || body.usesCsv();
    for (Template t : headerValues) {
      constantRequest &= t.isConstant();
      csv |= t.usesCsv();
    }
    this.usesCsv = csv;
    if (constantRequest) {
      byte[] bytes = render(0);
      this.constant = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes).asReadOnly());
    } else {
      this.constant = Unpooled.EMPTY_BUFFER;
    }
  }

  /** The bytes of request number {@code seq}, ready to write (the caller's reference). */
  ByteBuf encode(ByteBufAllocator alloc, long seq) {
    if (constant.isReadable()) {
      return constant.duplicate();
    }
    byte[] bytes = render(seq);
    return alloc.buffer(bytes.length).writeBytes(bytes);
  }

  private byte[] render(long seq) {
    List<String> row = usesCsv ? csvRows.get((int) Math.floorMod(seq, (long) csvRows.size())) : List.of();
    StringBuilder sb = new StringBuilder(128);
    sb.append(method).append(' ');
    target.appendTo(sb, seq, row);
    sb.append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
    for (int i = 0; i < headerNames.size(); i++) {
      sb.append(headerNames.get(i)).append(": ");
      headerValues.get(i).appendTo(sb, seq, row);
      sb.append("\r\n");
    }
    byte[] bodyBytes = new byte[0];
    if (sendsLength) {
      StringBuilder b = new StringBuilder();
      body.appendTo(b, seq, row);
      bodyBytes = b.toString().getBytes(StandardCharsets.UTF_8);
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
