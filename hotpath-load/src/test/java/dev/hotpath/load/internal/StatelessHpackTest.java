package dev.hotpath.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A block from {@link StatelessHpack} decodes (by Netty's HPACK decoder) to the same headers, any number of times. */
class StatelessHpackTest {
  private static List<String> fields(Http2Headers h) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<CharSequence, CharSequence> e : h) {
      out.add(e.getKey() + ": " + e.getValue());
    }
    return out;
  }

  @Test
  void decodesToTheSameHeadersAndLeavesTheDynamicTableEmpty() throws Exception {
    Http2Headers h = new DefaultHttp2Headers()
        .method("GET").scheme("https").authority("example.test:8443").path("/index.html?q=" + "x".repeat(300))
        .add("accept-encoding", "gzip, deflate")
        .add("authorization", "Bearer abc")
        .add("x-custom-header-with-a-long-name-" + "n".repeat(150), "v")
        .add("user-agent", "hotpath");
    byte[] block = StatelessHpack.encode(h);
    DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
    for (int i = 0; i < 3; i++) { // the same block again: nothing it relies on changed
      ByteBuf buf = Unpooled.wrappedBuffer(block);
      assertThat(fields(decoder.decodeHeaders(1 + 2 * i, buf))).isEqualTo(fields(h));
      buf.release();
    }
  }

  @Test
  void usesStaticIndexesForExactMatches() {
    Http2Headers h = new DefaultHttp2Headers().method("GET").scheme("http").path("/").authority("a");
    // :method GET = 2, :scheme http = 6, :path / = 4 (indexed: 0x80 | index), then :authority (index 1) literal
    assertThat(StatelessHpack.encode(h)).containsExactly(0x82, 0x86, 0x84, 0x01, 0x01, 'a');
  }
}
