package dev.hotpath.bench.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor for {@link CompressionBenchmark}: the JDK's raw {@code GZIPOutputStream} (no servlet
 * wrapper, no sync flush) compressing the same 64 KiB body in the same 8 KiB chunks, at the same
 * levels and with the same 8 KiB buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GzipAnchorBenchmark {
  @Param({"1", "6", "9"})
  public int level = 6;

  private final byte[] body = Payload.json(64 * 1024);
  private final Payload.Sink sink = new Payload.Sink();

  @Benchmark
  public long jdkGzipOutputStream() throws IOException {
    try (OutputStream out = new LeveledGzip(sink, level)) {
      for (int off = 0; off < body.length; off += Payload.CHUNK) {
        out.write(body, off, Math.min(Payload.CHUNK, body.length - off));
      }
    }
    return sink.take();
  }

  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out, int level) throws IOException {
      super(out, 8192);
      def.setLevel(level);
    }
  }
}
