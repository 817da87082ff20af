package dev.hotpath.bench.http;

import dev.hotpath.http.CompressionConfig;
import dev.hotpath.http.ContentCoding;
import dev.hotpath.http.internal.CompressingResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compressing one 64 KiB JSON response body through CompressionFilter's response (negotiation
 * done, decision made at the threshold, streaming coder with sync flush, byte counting), by coding
 * and level. The anchor is {@link GzipAnchorBenchmark}: the JDK's raw {@code GZIPOutputStream}
 * on the same body and chunks. Throughput is responses per second; times 64 KiB gives input MB/s.
 * {@code TearDown} prints the compression ratio of each setting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompressionBenchmark {
  @Param({"gzip-1", "gzip-6", "gzip-9", "zstd-1", "zstd-3", "zstd-9"})
  public String codingLevel = "gzip-6";

  private final byte[] body = Payload.json(64 * 1024);
  private final Payload.Sink sink = new Payload.Sink();
  private final HttpServletResponse response = Payload.response(sink);
  private CompressionConfig config = CompressionConfig.ofDefaults();
  private ContentCoding coding = ContentCoding.GZIP;
  private long lastOut;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = codingLevel.split("-", 2);
    coding = Objects.requireNonNull(ContentCoding.fromToken(parts[0]), codingLevel);
    if (!coding.isAvailable()) {
      throw new IllegalStateException(coding + " is not available: zstd-jni missing?");
    }
    int level = Integer.parseInt(parts[1]);
    config = coding == ContentCoding.ZSTD ? CompressionConfig.builder().zstdLevel(level).build() : CompressionConfig.builder().gzipLevel(level).build();
  }

  @Benchmark
  public long hotpathFilter() throws IOException {
    CompressingResponse r = new CompressingResponse(response, config, coding, null);
    ServletOutputStream out = r.getOutputStream();
    for (int off = 0; off < body.length; off += Payload.CHUNK) {
      out.write(body, off, Math.min(Payload.CHUNK, body.length - off));
    }
    r.finish();
    lastOut = sink.take();
    return lastOut;
  }

  @TearDown(Level.Trial)
  public void ratio() {
    System.out.printf("%n%s: %d -> %d bytes (ratio %.2f)%n", codingLevel, body.length, lastOut, body.length / (double) lastOut);
  }
}
