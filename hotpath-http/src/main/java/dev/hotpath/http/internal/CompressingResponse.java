package dev.hotpath.http.internal;

import dev.hotpath.http.CompressionConfig;
import dev.hotpath.http.ContentCoding;
import dev.hotpath.metrics.Scope;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A response whose body is compressed with the negotiated coding once the decision can be made.
 *
 * <p>The decision waits for the first moment the body's fate is known: a declared {@code
 * Content-Length}, or {@code minBytes} written, or a flush, or the end. Until then at most {@code
 * minBytes} are held back, never the whole body. Compressing means: {@code Content-Encoding} set,
 * the application's {@code Content-Length} dropped (it counts uncompressed bytes), a strong ETag
 * given a coding suffix, and the body streamed through the encoder. Left alone means: the held
 * bytes are written as they are, with the declared length or, if the body ended while held, its
 * exact length. {@code Vary: Accept-Encoding} is added whenever the representation could have
 * depended on the request's {@code Accept-Encoding}.
 *
 * <p>Not thread-safe, like any servlet response.
 */
public final class CompressingResponse extends HttpServletResponseWrapper {
  /** Metric (a count of bytes) added to the request's scope: body bytes before compression. */
  public static final String BYTES_IN = "compression.bytes.in";
  /** Metric (a count of bytes) added to the request's scope: body bytes after compression. */
  public static final String BYTES_OUT = "compression.bytes.out";

  private enum State { PENDING, COMPRESSING, IDENTITY, FINISHED }

  private final CompressionConfig config;
  private final @Nullable ContentCoding coding;
  private final @Nullable Scope scope;
  private final BodyStream body = new BodyStream();
  private @Nullable PrintWriter writer;
  private boolean streamUsed;
  private State state = State.PENDING;
  private long declaredLength = -1;
  private boolean disabled; // error, redirect, Content-Encoding set by the application, non-blocking I/O

  private byte[] held = new byte[0];
  private int heldCount;
  private @Nullable OutputStream encoder;
  private @Nullable CountingSink sink;
  private long bytesIn;
  private boolean coded;
  private boolean finishing;

  /**
   * @param coding the negotiated coding, or {@code null} when the client gets identity
   * @param scope the request's scope to add byte counts to, if any
   */
  public CompressingResponse(HttpServletResponse response, CompressionConfig config, @Nullable ContentCoding coding, @Nullable Scope scope) {
    super(response);
    this.config = config;
    this.coding = coding;
    this.scope = scope;
  }

  /** The coding applied to the body, or {@code null} if it went out (or will go out) as identity. */
  public @Nullable ContentCoding appliedCoding() {
    return coded ? coding : null;
  }

  // ---- headers the decision depends on -------------------------------------------------------

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    if (state == State.PENDING) {
      declaredLength = len;
    } else if (state == State.IDENTITY) {
      super.setContentLengthLong(len);
    } // compressing: the application's length counts uncompressed bytes, so it is dropped
  }

  @Override
  public void setHeader(String name, @Nullable String value) {
    if (!interceptHeader(name, value)) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, @Nullable String value) {
    if (!interceptHeader(name, value)) {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (!interceptHeader(name, Integer.toString(value))) {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (!interceptHeader(name, Integer.toString(value))) {
      super.addIntHeader(name, value);
    }
  }

  /** Returns true when the header was consumed here. */
  private boolean interceptHeader(String name, @Nullable String value) {
    if (name.equalsIgnoreCase("Content-Length")) {
      if (value == null) {
        declaredLength = -1;
        return state == State.PENDING;
      }
      try {
        setContentLengthLong(Long.parseLong(value.trim()));
        return true;
      } catch (NumberFormatException e) {
        return false; // let the container reject it
      }
    }
    if (name.equalsIgnoreCase("Content-Encoding") && state == State.PENDING && value != null) {
      disabled = true; // the application encoded the body itself
    }
    return false;
  }

  // ---- the body ---------------------------------------------------------------------------------

  @Override
  public ServletOutputStream getOutputStream() {
    if (writer != null) {
      throw new IllegalStateException("getWriter() has already been called for this response");
    }
    streamUsed = true;
    return body;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      if (streamUsed) {
        throw new IllegalStateException("getOutputStream() has already been called for this response");
      }
      String encoding = getCharacterEncoding();
      setCharacterEncoding(encoding); // as the container's getWriter() would: the charset shows in Content-Type
      Charset charset = Charset.forName(encoding);
      writer = new PrintWriter(new OutputStreamWriter(body, charset), false);
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    flushWriter();
    body.flush();
    super.flushBuffer();
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer(); // throws if committed
    heldCount = 0;
    if (state == State.COMPRESSING) {
      // the container dropped the compressed bytes written so far: start a fresh coded stream
      discardEncoder();
      try {
        startEncoder();
      } catch (IOException e) {
        throw new IllegalStateException("cannot restart the " + coding + " encoder", e);
      }
    }
  }

  @Override
  public void reset() {
    super.reset(); // throws if committed; clears headers and status
    discardEncoder();
    sink = null;
    coded = false;
    bytesIn = 0;
    held = new byte[0];
    heldCount = 0;
    declaredLength = -1;
    disabled = false;
    writer = null;
    streamUsed = false;
    state = State.PENDING;
    finishing = false;
  }

  @Override
  public void sendError(int sc, @Nullable String msg) throws IOException {
    abandonBody();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    abandonBody();
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    abandonBody();
    super.sendRedirect(location, sc, clearBuffer);
  }

  /** The request failed: drop our body and free the coder; the container answers with its error. */
  public void abandon() {
    abandonBody();
  }

  /** The container writes its own body: ours is dropped and nothing of ours is coded. */
  private void abandonBody() {
    if (state == State.COMPRESSING && !isCommitted()) {
      super.setHeader("Content-Encoding", null);
    }
    discardEncoder();
    coded = false;
    heldCount = 0;
    disabled = true;
    state = State.FINISHED;
  }

  /**
   * Ends the body: flushes the writer, makes the decision if still pending, finishes the coding
   * and adds the byte counts to the scope. Idempotent. The container's stream is left open.
   */
  public void finish() throws IOException {
    finishing = true; // the writer's flush below hands over its last chars; it is not a flush by the application
    flushWriter();
    body.finish(false);
  }

  private void flushWriter() {
    PrintWriter w = writer;
    if (w != null) {
      w.flush();
    }
  }

  // ---- the decision -------------------------------------------------------------------------------

  private boolean statusAllowsBody() {
    int sc = getStatus();
    return sc >= 200 && sc != HttpServletResponse.SC_NO_CONTENT && sc != HttpServletResponse.SC_PARTIAL_CONTENT
        && sc != HttpServletResponse.SC_NOT_MODIFIED;
  }

  /** Whether this response could be coded for some client: then caches must key on Accept-Encoding. */
  private boolean variesOnAcceptEncoding() {
    String type = getContentType();
    return !disabled && statusAllowsBody() && type != null && config.isCompressible(type);
  }

  /**
   * Decides and leaves PENDING.
   *
   * @param bodyLength the whole body's length when it is known to have ended, else -1
   * @param mayCompress false when the held bytes are known to be all there is for now (a flush
   *     below the threshold) and so too few to be worth coding
   * @param bytesSoFar body bytes known when the length is not: held ones plus the write at hand
   */
  private void decide(long bodyLength, boolean mayCompress, long bytesSoFar) throws IOException {
    boolean vary = variesOnAcceptEncoding();
    if (vary) {
      addVary();
    }
    long length = declaredLength >= 0 ? declaredLength : bodyLength;
    ContentCoding c = coding;
    boolean compress = vary && c != null && mayCompress
        && (length < 0 ? bytesSoFar >= config.minBytes() : length >= config.minBytes() && length > 0);
    if (compress && c != null) {
      super.setHeader("Content-Encoding", c.token());
      super.setHeader("Content-Length", null);
      String etag = getHeader("ETag");
      if (etag != null && etag.length() > 1 && etag.charAt(0) == '"' && etag.endsWith("\"")) {
        // a strong validator names exact bytes: the coded body is a different one
        super.setHeader("ETag", etag.substring(0, etag.length() - 1) + "--" + c.token() + '"');
      }
      state = State.COMPRESSING;
      coded = true;
      startEncoder();
      if (heldCount > 0) {
        writeCoded(held, 0, heldCount);
      }
    } else {
      state = State.IDENTITY;
      if (length >= 0) {
        super.setContentLengthLong(length);
      }
      if (heldCount > 0) {
        super.getOutputStream().write(held, 0, heldCount);
      }
    }
    heldCount = 0;
    held = new byte[0];
  }

  private void addVary() {
    for (String vary : getHeaders("Vary")) {
      for (String field : vary.split(",", -1)) {
        String f = field.trim().toLowerCase(Locale.ROOT);
        if (f.equals("accept-encoding") || f.equals("*")) {
          return;
        }
      }
    }
    super.addHeader("Vary", "Accept-Encoding");
  }

  private void startEncoder() throws IOException {
    ContentCoding c = coding;
    if (c == null) {
      throw new IllegalStateException("no coding negotiated");
    }
    CountingSink s = new CountingSink(super.getOutputStream(), sink == null ? 0 : sink.count);
    sink = s;
    encoder = Encoders.open(c, s, config);
  }

  private void writeCoded(byte[] b, int off, int len) throws IOException {
    OutputStream e = encoder;
    if (e == null) {
      throw new IllegalStateException("encoder not started");
    }
    e.write(b, off, len);
    bytesIn += len;
  }

  private void discardEncoder() {
    OutputStream e = encoder;
    encoder = null;
    if (e != null) {
      CountingSink s = sink;
      if (s != null) {
        s.discard = true; // free native memory without writing a trailer into the container
      }
      try {
        e.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing reaches the client; only the native memory mattered
      }
    }
  }

  private void hold(byte[] b, int off, int len) {
    if (heldCount + len > held.length) {
      int cap = Math.max(Math.max(256, held.length * 2), heldCount + len);
      held = Arrays.copyOf(held, cap);
    }
    System.arraycopy(b, off, held, heldCount, len);
    heldCount += len;
  }

  /** Our view of the body: holds, codes or passes bytes through depending on the state. */
  private final class BodyStream extends ServletOutputStream {
    private final byte[] one = new byte[1];

    @Override
    public void write(int b) throws IOException {
      one[0] = (byte) b;
      write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      switch (state) {
        case PENDING -> {
          if (coding == null || disabled || declaredLength >= 0 || !variesOnAcceptEncoding()) {
            decide(-1, true, heldCount); // nothing to wait for: the decision needs no body bytes
            write(b, off, len);
          } else if (heldCount + len < config.minBytes()) {
            hold(b, off, len);
          } else {
            decide(-1, true, heldCount + len); // the held bytes go first; this write follows, uncopied
            write(b, off, len);
          }
        }
        case COMPRESSING -> writeCoded(b, off, len);
        case IDENTITY -> CompressingResponse.super.getOutputStream().write(b, off, len);
        case FINISHED -> {
          if (!disabled) {
            throw new IOException("response body already finished");
          } // after sendError/sendRedirect the container ignores writes; so do we
        }
      }
    }

    @Override
    public void flush() throws IOException {
      if (state == State.PENDING) {
        if (finishing) {
          return; // finish() decides, knowing the whole length
        }
        decide(-1, false, heldCount);
      }
      if (state == State.COMPRESSING) {
        OutputStream e = encoder;
        if (e != null) {
          e.flush(); // sync flush: what was written so far becomes decodable now
        }
      } else if (state == State.IDENTITY) {
        CompressingResponse.super.getOutputStream().flush();
      }
    }

    @Override
    public void close() throws IOException {
      finish(true);
    }

    void finish(boolean closeContainerStream) throws IOException {
      if (state == State.PENDING) {
        decide(heldCount, heldCount > 0 && heldCount >= config.minBytes(), heldCount);
      }
      if (state == State.COMPRESSING) {
        state = State.FINISHED;
        OutputStream e = encoder;
        encoder = null;
        if (e != null) {
          e.close(); // writes the coding's trailer; the sink stays open
        }
        CountingSink s = sink;
        if (scope != null && s != null) {
          scope.addCount(BYTES_IN, bytesIn);
          scope.addCount(BYTES_OUT, s.count);
        }
      } else if (state == State.IDENTITY) {
        state = State.FINISHED;
      }
      if (closeContainerStream && !disabled) {
        CompressingResponse.super.getOutputStream().close();
      }
    }

    @Override
    public boolean isReady() {
      try {
        return CompressingResponse.super.getOutputStream().isReady();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      // Non-blocking writes are passed through uncoded: a coder cannot honour isReady() for bytes it holds.
      try {
        if (state == State.PENDING) {
          disabled = true;
          decide(-1, false, heldCount);
        }
        CompressingResponse.super.getOutputStream().setWriteListener(listener);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Counts coded bytes on their way to the container; closing it only flushes. */
  private static final class CountingSink extends OutputStream {
    private final ServletOutputStream out;
    long count;
    boolean discard;

    CountingSink(ServletOutputStream out, long count) {
      this.out = out;
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      if (!discard) {
        out.write(b);
        count++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!discard) {
        out.write(b, off, len);
        count += len;
      }
    }

    @Override
    public void flush() throws IOException {
      if (!discard) {
        out.flush();
      }
    }

    @Override
    public void close() {
      // the container owns its stream
    }
  }
}
