package dev.hotpath.load.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 response parser that works on the received bytes directly and creates no object per
 * response: it reads the status line, only the headers the engine uses ({@code Content-Length},
 * {@code Transfer-Encoding: chunked}, {@code Connection}, {@code Server-Timing}), and skips the body
 * (fixed length, chunked, or until close), telling its {@link Listener} about each complete
 * response. Interim {@code 1xx} responses are skipped. Replaces Netty's {@code HttpResponseDecoder},
 * which builds a response object, a header map and content objects for every response.
 *
 * <p>One instance per channel, on its event loop; partial input is kept by {@link
 * ByteToMessageDecoder}'s cumulation until the rest arrives.
 */
final class Http1ResponseParser extends ByteToMessageDecoder {
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_HEADER_BYTES = 256 * 1024;

  /** Receives what the parser finds; called on the channel's event loop. */
  interface Listener {
    /** Whether the response now expected answers a HEAD request (so it has no body, whatever its headers say). */
    boolean expectsNoBody();

    /** A complete final response. */
    void response(int status, boolean keepAlive, long bodyBytes, @Nullable String serverTiming);

    /** The bytes are not a valid HTTP/1.1 response; the parser ignores the rest of the stream. */
    void protocolError(String why);

    /** The end of one read from the socket: flush what the responses made the connection write. */
    void readComplete();

    /** The channel closed (after any response that ended with the close). */
    void closed();

    /** The pipeline reported an exception (e.g. a reset, or TLS). */
    void failed(Throwable cause);
  }

  private enum State { STATUS, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, FAILED }

  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] SERVER_TIMING = ascii("server-timing");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private final Listener listener;
  private State state = State.STATUS;
  private int status;
  private boolean http10;
  private boolean keepAlive;
  private long contentLength;
  private boolean chunked;
  private long remaining;
  private long bodyBytes;
  private int headerBytes;
  private @Nullable String serverTiming;
  // Lines are read from a copy of the received bytes: one bulk copy per read instead of a bounds-
  // and liveness-checked ByteBuf.getByte per byte (without Unsafe, as on JDK 24+, each of those
  // goes through a checked ByteBuffer access). window[i] is the buffer's byte at windowFrom + i,
  // valid within one decode call.
  private byte[] window = new byte[1024];
  private int windowFrom;
  private int windowLength;

  Http1ResponseParser(Listener listener) {
    this.listener = listener;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    windowLength = 0; // the cumulation may have moved its bytes since the last call
    while (in.isReadable()) {
      switch (state) {
        case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
          if (!line(in)) {
            return;
          }
        }
        case BODY, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          in.skipBytes(n);
          remaining -= n;
          bodyBytes += n;
          if (remaining == 0) {
            if (state == State.BODY) {
              done();
            } else {
              state = State.CHUNK_END;
            }
          }
        }
        case UNTIL_CLOSE -> {
          bodyBytes += in.readableBytes();
          in.skipBytes(in.readableBytes());
        }
        case FAILED -> in.skipBytes(in.readableBytes());
      }
    }
  }

  /** Handles one line if a whole one is there; false to wait for more bytes. */
  private boolean line(ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.writerIndex() - start;
    int lf = lineFeed(in, start, readable);
    if (lf < 0) {
      if (readable > MAX_LINE) {
        fail("a line longer than " + MAX_LINE + " bytes");
      }
      return false;
    }
    byte[] b = window;
    int s = start - windowFrom;
    int e = lf > s && b[lf - 1] == '\r' ? lf - 1 : lf;
    in.readerIndex(windowFrom + lf + 1);
    switch (state) {
      case STATUS -> statusLine(b, s, e);
      case HEADERS -> {
        headerBytes += lf + 1 - s;
        if (headerBytes > MAX_HEADER_BYTES) {
          fail("response headers longer than " + MAX_HEADER_BYTES + " bytes");
        } else if (e == s) {
          endOfHeaders();
        } else {
          header(b, s, e);
        }
      }
      case CHUNK_SIZE -> chunkSize(b, s, e);
      case CHUNK_END -> {
        if (e != s) {
          fail("no CRLF after a chunk");
        } else {
          state = State.CHUNK_SIZE;
        }
      }
      case TRAILERS -> {
        if (e == s) {
          done();
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
    return true;
  }

  /**
   * The window index of the next '\n' at or after the buffer index {@code start}, or -1 if none of
   * the {@code readable} bytes is one. Fills the window from {@code start} when it does not cover
   * it, and widens it while a line is longer than the window and more bytes are readable.
   */
  private int lineFeed(ByteBuf in, int start, int readable) {
    if (start < windowFrom || start >= windowFrom + windowLength) {
      fillWindow(in, start, readable);
    }
    int scanned = start - windowFrom;
    while (true) {
      byte[] b = window;
      for (int i = scanned; i < windowLength; i++) {
        if (b[i] == '\n') {
          return i;
        }
      }
      if (windowFrom + windowLength - start >= readable) {
        return -1; // every readable byte seen
      }
      if (windowFrom == start) { // the line is longer than the window
        window = Arrays.copyOf(b, (int) Math.min(readable, 2L * b.length));
      }
      scanned = windowFrom + windowLength - start;
      fillWindow(in, start, readable);
    }
  }

  private void fillWindow(ByteBuf in, int start, int readable) {
    int n = Math.min(readable, window.length);
    in.getBytes(start, window, 0, n);
    windowFrom = start;
    windowLength = n;
  }

  private void statusLine(byte[] b, int start, int end) {
    if (end == start) {
      return; // tolerate an empty line before the status line (RFC 9112 2.2)
    }
    // HTTP/1.x SSS[ reason]
    if (end - start < 12 || !startsWith(b, start, "HTTP/1.") || b[start + 8] != ' ') {
      fail("not an HTTP/1.1 status line");
      return;
    }
    byte minor = b[start + 7];
    int s = digit(b[start + 9]) * 100 + digit(b[start + 10]) * 10 + digit(b[start + 11]);
    if ((minor != '0' && minor != '1') || s < 100 || s > 999 || (end > start + 12 && b[start + 12] != ' ')) {
      fail("not an HTTP/1.1 status line");
      return;
    }
    status = s;
    http10 = minor == '0';
    keepAlive = !http10;
    contentLength = -1;
    chunked = false;
    bodyBytes = 0;
    headerBytes = 0;
    serverTiming = null;
    state = State.HEADERS;
  }

  private static int digit(byte b) {
    int d = b - '0';
    return d >= 0 && d <= 9 ? d : -1000;
  }

  private static boolean startsWith(byte[] b, int at, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (b[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void header(byte[] b, int start, int end) {
    int colon = start;
    while (colon < end && b[colon] != ':') {
      colon++;
    }
    if (colon == end || colon == start) {
      fail("a header line without a name and colon");
      return;
    }
    int v = colon + 1;
    while (v < end && isSpace(b[v])) {
      v++;
    }
    int ve = end;
    while (ve > v && isSpace(b[ve - 1])) {
      ve--;
    }
    int nameLength = colon - start;
    if (nameIs(b, start, nameLength, CONTENT_LENGTH)) {
      long n = 0;
      if (v == ve || ve - v > 18) {
        fail("a bad Content-Length");
        return;
      }
      for (int i = v; i < ve; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          fail("a bad Content-Length");
          return;
        }
        n = n * 10 + d;
      }
      if (contentLength >= 0 && contentLength != n) {
        fail("two different Content-Length values");
        return;
      }
      contentLength = n;
    } else if (nameIs(b, start, nameLength, TRANSFER_ENCODING)) {
      chunked = contains(b, v, ve, CHUNKED);
    } else if (nameIs(b, start, nameLength, CONNECTION)) {
      if (contains(b, v, ve, CLOSE)) {
        keepAlive = false;
      } else if (contains(b, v, ve, KEEP_ALIVE)) {
        keepAlive = true;
      }
    } else if (nameIs(b, start, nameLength, SERVER_TIMING)) {
      String value = new String(b, v, ve - v, StandardCharsets.ISO_8859_1);
      serverTiming = serverTiming == null ? value : serverTiming + ", " + value;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t';
  }

  /** Case-insensitive match of ASCII letters, digits and '-' against a lower-case name. */
  private static boolean nameIs(byte[] b, int start, int length, byte[] lower) {
    if (length != lower.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if ((b[start + i] | 0x20) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the lower-case token occurs in {@code [from, to)}, case-insensitively. */
  private static boolean contains(byte[] b, int from, int to, byte[] lower) {
    outer:
    for (int i = from; i + lower.length <= to; i++) {
      for (int j = 0; j < lower.length; j++) {
        if ((b[i + j] | 0x20) != lower[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void endOfHeaders() {
    if (status < 200) {
      if (status == 101) {
        fail("101 Switching Protocols: the engine does not upgrade connections");
      } else {
        state = State.STATUS; // interim (100 Continue, 103 Early Hints): the real response follows
      }
      return;
    }
    if (listener.expectsNoBody() || status == 204 || status == 304) {
      done();
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength > 0) {
      remaining = contentLength;
      state = State.BODY;
    } else if (contentLength == 0) {
      done();
    } else {
      keepAlive = false; // the body ends when the server closes the connection
      state = State.UNTIL_CLOSE;
    }
  }

  private void chunkSize(byte[] b, int start, int end) {
    long size = 0;
    int digits = 0;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) {
        if (c == ';' || isSpace(c)) {
          break; // chunk extensions are ignored
        }
        fail("a bad chunk size");
        return;
      }
      if (++digits > 15) {
        fail("a chunk size too large");
        return;
      }
      size = size * 16 + d;
    }
    if (digits == 0) {
      fail("a bad chunk size");
    } else if (size == 0) {
      state = State.TRAILERS;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
  }

  private void done() {
    state = State.STATUS;
    String st = serverTiming;
    serverTiming = null;
    listener.response(status, keepAlive, bodyBytes, st);
  }

  private void fail(String why) {
    state = State.FAILED;
    listener.protocolError("invalid HTTP/1.1 response: " + why);
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    decode(ctx, in, out);
    if (state == State.UNTIL_CLOSE) {
      done(); // the close ended the body
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    super.channelReadComplete(ctx);
    listener.readComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    super.channelInactive(ctx); // runs decodeLast first
    listener.closed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    listener.failed(cause);
  }
}
