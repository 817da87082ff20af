package dev.hotpath.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The hand-written HTTP/1.1 parser, fed byte by byte and in whole reads. */
class Http1ResponseParserTest {
  /** Records what the parser reports, as strings. */
  private static final class RecordingListener implements Http1ResponseParser.Listener {
    final List<String> events = new ArrayList<>();
    boolean head;

    @Override
    public boolean expectsNoBody() {
      return head;
    }

    @Override
    public void response(int status, boolean keepAlive, long bodyBytes, @Nullable String serverTiming) {
      events.add(status + " " + (keepAlive ? "keep" : "close") + " " + bodyBytes + (serverTiming == null ? "" : " " + serverTiming));
    }

    @Override
    public void protocolError(String why) {
      events.add("error: " + why);
    }

    @Override
    public void readComplete() {}

    @Override
    public void closed() {
      events.add("closed");
    }

    @Override
    public void failed(Throwable cause) {
      events.add("failed: " + cause);
    }
  }

  private static List<String> parse(String bytes, boolean oneByteAtATime) {
    return parse(new RecordingListener(), bytes, oneByteAtATime);
  }

  private static List<String> parse(RecordingListener l, String bytes, boolean oneByteAtATime) {
    EmbeddedChannel ch = new EmbeddedChannel(new Http1ResponseParser(l));
    byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
    if (oneByteAtATime) {
      for (byte x : b) {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
      }
    } else {
      ch.writeInbound(Unpooled.wrappedBuffer(b));
    }
    ch.finishAndReleaseAll();
    return l.events;
  }

  @Test
  void fixedLengthChunkedAndInterimResponsesInOneStream() {
    String stream = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nserver-timing: db;dur=8.2\r\n\r\nhello"
        + "HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
    for (boolean bytewise : new boolean[] {false, true}) {
      assertThat(parse(stream, bytewise)).as("byte by byte: %s", bytewise).containsExactly(
          "200 keep 5 db;dur=8.2", "201 keep 13", "204 close 0", "closed");
    }
  }

  @Test
  void http10AndBodiesEndedByTheClose() {
    assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false)).containsExactly("200 close 2", "closed");
    assertThat(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false))
        .containsExactly("200 keep 0", "closed");
    assertThat(parse("HTTP/1.1 200 OK\r\n\r\nuntil the end", true)).containsExactly("200 close 13", "closed");
  }

  @Test
  void aResponseToHeadHasNoBodyWhateverItsHeadersSay() {
    RecordingListener l = new RecordingListener();
    l.head = true;
    assertThat(parse(l, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", false)).containsExactly("200 keep 0", "closed");
  }

  @Test
  void repeatedServerTimingHeadersAreJoined() {
    assertThat(parse("HTTP/1.1 200 OK\r\nServer-Timing: a;dur=1\r\nSERVER-TIMING: b;dur=2\r\ncontent-length: 0\r\n\r\n", false))
        .containsExactly("200 keep 0 a;dur=1, b;dur=2", "closed");
  }

  @Test
  void malformedResponsesAreProtocolErrors() {
    assertThat(parse("SMTP ready\r\n", false).get(0)).startsWith("error: invalid HTTP/1.1 response: not an HTTP/1.1 status line");
    assertThat(parse("HTTP/1.1 2x0 OK\r\n\r\n", false).get(0)).contains("status line");
    assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false).get(0)).contains("Content-Length");
    assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false).get(0))
        .contains("two different Content-Length");
    assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false).get(0)).contains("chunk size");
    assertThat(parse("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", false).get(0)).contains("colon");
    assertThat(parse("HTTP/1.1 101 Switching Protocols\r\n\r\n", false).get(0)).contains("101");
  }

  @Test
  void linesLongerThanTheCopyWindowAndReadsSplitMidLine() {
    String big = "x".repeat(5000); // the parser copies lines into a 1 KiB window that must widen
    String stream = "HTTP/1.1 200 OK\r\nX-Big: " + big + "\r\nServer-Timing: " + big + "\r\nContent-Length: 3\r\n\r\nabc"
        + "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n";
    for (boolean bytewise : new boolean[] {false, true}) {
      assertThat(parse(stream, bytewise)).as("byte by byte: %s", bytewise)
          .containsExactly("200 keep 3 " + big, "503 keep 0", "closed");
    }
    RecordingListener l = new RecordingListener();
    EmbeddedChannel ch = new EmbeddedChannel(new Http1ResponseParser(l));
    byte[] b = stream.getBytes(StandardCharsets.ISO_8859_1);
    for (int at = 0; at < b.length; at += 700) { // reads that end inside lines and inside the window
      ch.writeInbound(Unpooled.wrappedBuffer(b, at, Math.min(700, b.length - at)));
    }
    ch.finishAndReleaseAll();
    assertThat(l.events).containsExactly("200 keep 3 " + big, "503 keep 0", "closed");
  }

  @Test
  void aLineLongerThanTheLimitIsAProtocolError() {
    String stream = "HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(Http1ResponseParser.MAX_LINE + 10);
    assertThat(parse(stream, false).get(0)).contains("a line longer than");
  }
}
