package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.hotpath.metrics.Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CompressionFilter through a real Jetty 12 server and the JDK's HTTP client (which decodes nothing itself). */
class CompressionFilterTest {
  static final int BIG = 20_000;
  static final Map<String, Map<String, Scope.Measurement>> SCOPES = new ConcurrentHashMap<>();
  static final CountDownLatch RELEASE_STREAM = new CountDownLatch(1);
  static TestServer server;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Filter scopeFilter = (req, res, chain) -> {
      try (Scope scope = Scope.open("req")) {
        chain.doFilter(req, res);
        String id = ((HttpServletRequest) req).getParameter("scope");
        if (id != null) {
          SCOPES.put(id, scope.measurements());
        }
      }
    };
    server =
        new TestServer()
            .filter(scopeFilter, "/*")
            .filter(new CompressionFilter(), "/c/*")
            .filter(new CompressionFilter(CompressionConfig.builder().gzipLevel(1).build()), "/l1/*")
            .filter(new CompressionFilter(CompressionConfig.builder().gzipLevel(9).build()), "/l9/*")
            .servlet(new BodyServlet(), "/*")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    RELEASE_STREAM.countDown();
    server.close();
  }

  static byte[] text(int size) {
    byte[] b = new byte[size];
    byte[] line = "hotpath compresses this line of text, again and again; ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      b[i] = line[i % line.length];
    }
    return b;
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    return b;
  }

  /** Behaviour chosen by the last path segment; the body size by ?size=. */
  static final class BodyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String path = req.getRequestURI();
      String kind = path.substring(path.lastIndexOf('/') + 1);
      int size = req.getParameter("size") == null ? BIG : Integer.parseInt(req.getParameter("size"));
      switch (kind) {
        case "text" -> {
          res.setContentType("text/plain");
          res.setHeader("ETag", "\"v1\"");
          res.getOutputStream().write(text(size));
        }
        case "declared" -> {
          res.setContentType("application/json");
          res.setContentLength(size);
          OutputStream out = res.getOutputStream();
          byte[] body = text(size);
          for (int i = 0; i < size; i += 100) {
            out.write(body, i, Math.min(100, size - i));
          }
        }
        case "png" -> {
          res.setContentType("image/png");
          res.getOutputStream().write(random(size));
        }
        case "encoded" -> {
          res.setContentType("text/plain");
          res.setHeader("Content-Encoding", "br");
          res.getOutputStream().write(text(size));
        }
        case "writer" -> {
          res.setContentType("text/html;charset=UTF-8");
          StringBuilder sb = new StringBuilder();
          while (sb.length() < size) {
            sb.append("żółć ☕ hotpath ");
          }
          res.getWriter().print(sb);
        }
        case "nocontent" -> res.setStatus(204);
        case "fail" -> {
          res.setContentType("text/plain");
          res.getOutputStream().write(text(100));
          throw new IllegalStateException("boom");
        }
        case "stream" -> {
          res.setContentType("text/event-stream");
          OutputStream out = res.getOutputStream();
          out.write(text(2000));
          out.flush();
          try {
            RELEASE_STREAM.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.write(text(2000));
        }
        default -> res.sendError(404);
      }
    }
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String encoding(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Encoding").orElse("identity");
  }

  static byte[] decode(HttpResponse<byte[]> r) throws IOException {
    try (InputStream in = decoder(encoding(r), new ByteArrayInputStream(r.body()))) {
      return in.readAllBytes();
    }
  }

  static InputStream decoder(String coding, InputStream in) throws IOException {
    return switch (coding) {
      case "gzip" -> new GZIPInputStream(in);
      case "deflate" -> new InflaterInputStream(in);
      case "zstd" -> new ZstdInputStream(in);
      case "identity" -> in;
      default -> throw new AssertionError("unexpected coding " + coding);
    };
  }

  @ParameterizedTest(name = "Accept-Encoding: [{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "NONE                         | identity", // no header: no preference stated, send identity
        "''                           | identity",
        "gzip                         | gzip",
        "deflate                      | deflate",
        "zstd                         | zstd",
        "GZIP                         | gzip",
        "x-gzip                       | gzip",
        "br                           | identity",
        "deflate, gzip                | gzip", // tie: server preference (zstd, gzip, deflate)
        "gzip, deflate, br, zstd      | zstd",
        "gzip;q=0                     | identity",
        "gzip;q=0, deflate            | deflate",
        "gzip;q=0.8, deflate;q=0.9    | deflate",
        "gzip;q=0.5, identity         | identity", // identity q=1 beats gzip q=0.5
        "gzip;q=0.5, identity;q=0.4   | gzip",
        "identity                     | identity",
        "identity;q=0                 | identity", // nothing acceptable on offer: identity anyway, not 406
        "*                            | zstd",
        "*;q=0                        | identity",
        "*;q=0, gzip                  | gzip",
        "*, zstd;q=0, gzip;q=0        | deflate",
        "*;q=0.1, gzip;q=0.2          | gzip",
        "gzip;q=1.5                   | identity", // malformed q-value: element ignored
        "gzip ; q=0.001               | gzip",
        "zstd;q=0, gzip;Q=1           | gzip",
      })
  void negotiatesTheCodingThroughARealServer(String acceptEncoding, String expected) throws Exception {
    HttpResponse<byte[]> r = acceptEncoding == null ? get("/c/text") : get("/c/text", "Accept-Encoding", acceptEncoding);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(encoding(r)).isEqualTo(expected);
    assertThat(r.headers().allValues("Vary")).contains("Accept-Encoding");
    assertThat(decode(r)).isEqualTo(text(BIG));
    if (expected.equals("identity")) {
      assertThat(r.headers().firstValue("Content-Length")).isEmpty(); // streamed past the threshold: chunked
    } else {
      assertThat(r.body().length).isLessThan(BIG / 10);
      assertThat(r.headers().firstValue("ETag")).hasValue("\"v1--" + expected + "\"");
    }
  }

  @Test
  void smallBodiesGoOutUntouchedWithTheirExactLength() throws Exception {
    HttpResponse<byte[]> r = get("/c/text?size=1023", "Accept-Encoding", "gzip");

    assertThat(encoding(r)).isEqualTo("identity");
    assertThat(r.body()).isEqualTo(text(1023));
    assertThat(r.headers().firstValue("Content-Length")).hasValue("1023");
    assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"");
  }

  @Test
  void theThresholdIsInclusive() throws Exception {
    HttpResponse<byte[]> r = get("/c/text?size=1024", "Accept-Encoding", "gzip");

    assertThat(encoding(r)).isEqualTo("gzip");
    assertThat(decode(r)).isEqualTo(text(1024));
  }

  @Test
  void alreadyCompressedContentTypesGoOutUntouched() throws Exception {
    HttpResponse<byte[]> r = get("/c/png", "Accept-Encoding", "gzip, zstd");

    assertThat(encoding(r)).isEqualTo("identity");
    assertThat(r.body()).isEqualTo(random(BIG));
    assertThat(r.headers().allValues("Vary")).doesNotContain("Accept-Encoding");
  }

  @Test
  void aBodyTheApplicationEncodedItselfIsLeftAlone() throws Exception {
    HttpResponse<byte[]> r = get("/c/encoded", "Accept-Encoding", "gzip");

    assertThat(encoding(r)).isEqualTo("br");
    assertThat(r.body()).isEqualTo(text(BIG));
  }

  @Test
  void rangeRequestsAreNotCompressed() throws Exception {
    HttpResponse<byte[]> r = get("/c/text", "Accept-Encoding", "gzip", "Range", "bytes=0-99");

    assertThat(encoding(r)).isEqualTo("identity");
    assertThat(r.body()).isEqualTo(text(BIG)); // the servlet ignores the range; the point is no coding
  }

  @Test
  void aDeclaredContentLengthIsDroppedWhenCompressingAndKeptOtherwise() throws Exception {
    HttpResponse<byte[]> coded = get("/c/declared", "Accept-Encoding", "deflate");
    assertThat(encoding(coded)).isEqualTo("deflate");
    assertThat(coded.headers().firstValue("Content-Length")).isNotEqualTo(java.util.Optional.of(Integer.toString(BIG)));
    assertThat(decode(coded)).isEqualTo(text(BIG));

    HttpResponse<byte[]> plain = get("/c/declared");
    assertThat(encoding(plain)).isEqualTo("identity");
    assertThat(plain.headers().firstValue("Content-Length")).hasValue(Integer.toString(BIG));
    assertThat(plain.body()).isEqualTo(text(BIG));

    HttpResponse<byte[]> small = get("/c/declared?size=500", "Accept-Encoding", "gzip");
    assertThat(encoding(small)).isEqualTo("identity");
    assertThat(small.headers().firstValue("Content-Length")).hasValue("500");
  }

  @Test
  void theWriterIsEncodedWithTheResponseCharset() throws Exception {
    HttpResponse<byte[]> r = get("/c/writer", "Accept-Encoding", "gzip");

    assertThat(encoding(r)).isEqualTo("gzip");
    assertThat(new String(decode(r), StandardCharsets.UTF_8)).startsWith("żółć ☕ hotpath żółć");
  }

  @Test
  void aSmallBodyFromTheWriterGetsItsExactLength() throws Exception {
    HttpResponse<byte[]> r = get("/c/writer?size=100", "Accept-Encoding", "gzip");

    assertThat(encoding(r)).isEqualTo("identity");
    assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(r.body().length));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("żółć ☕ hotpath");
  }

  @Test
  void noContentIsUntouched() throws Exception {
    HttpResponse<byte[]> r = get("/c/nocontent", "Accept-Encoding", "gzip");

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(encoding(r)).isEqualTo("identity");
  }

  @Test
  void aFailingRequestGetsTheContainersErrorPageUncoded() throws Exception {
    HttpResponse<byte[]> r = get("/c/fail", "Accept-Encoding", "gzip");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(encoding(r)).isEqualTo("identity");
  }

  @Test
  void theLevelIsConfigurable() throws Exception {
    HttpResponse<byte[]> fast = get("/l1/writer?size=200000", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> small = get("/l9/writer?size=200000", "Accept-Encoding", "gzip");

    assertThat(decode(fast)).isEqualTo(decode(small));
    assertThat(small.body().length).isLessThan(fast.body().length);
  }

  @Test
  void bytesBeforeAndAfterGoToTheScope() throws Exception {
    HttpResponse<byte[]> r = get("/c/text?scope=bytes", "Accept-Encoding", "gzip");

    Map<String, Scope.Measurement> m = SCOPES.get("bytes");
    assertThat(m.get("compression.bytes.in").count()).isEqualTo(BIG);
    assertThat(m.get("compression.bytes.out").count()).isEqualTo(r.body().length);
  }

  @Test
  void aFlushReachesTheClientBeforeTheBodyEnds() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri("/c/stream")).header("Accept-Encoding", "gzip").build();
    HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(encoding(r)).isEqualTo("gzip");
    try (InputStream in = new GZIPInputStream(r.body())) {
      byte[] first = in.readNBytes(2000); // decodable now, while the servlet still waits
      assertThat(first).isEqualTo(text(2000));
      RELEASE_STREAM.countDown();
      assertThat(in.readAllBytes()).hasSize(2000);
    }
  }
}
