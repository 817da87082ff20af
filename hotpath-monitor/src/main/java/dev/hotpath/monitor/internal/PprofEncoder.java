package dev.hotpath.monitor.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes collapsed stacks as a gzipped pprof {@code profile.proto} (github.com/google/pprof,
 * proto/profile.proto). A hand-written encoder: the message is small (varints, length-delimited
 * fields), and it spares the module a protobuf runtime.
 *
 * <p>Each distinct frame name becomes one Function and one Location (no addresses: the JVM's
 * frames are symbolic); each stack one Sample, leaf first, as pprof wants.
 */
public final class PprofEncoder {

  private final List<String> strings = new ArrayList<>();
  private final Map<String, Integer> stringIndex = new HashMap<>();
  private final Map<String, Long> functionIds = new HashMap<>();

  private PprofEncoder() {
    str("");
  }

  /**
   * Encodes {@code stacks} (root-first frames separated by ';' mapped to a value).
   *
   * @param valueTypes pairs of (type, unit), e.g. {@code samples,count,cpu,nanoseconds}
   * @param valuesPerSample for each stack's value v, the sample values (one per value type)
   */
  public static void write(
      Map<String, Long> stacks,
      String[] valueTypes,
      java.util.function.LongFunction<long[]> valuesPerSample,
      String periodType,
      String periodUnit,
      long period,
      long timeNanos,
      long durationNanos,
      OutputStream out)
      throws IOException {
    PprofEncoder e = new PprofEncoder();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < valueTypes.length; i += 2) {
      e.message(body, 1, e.valueType(valueTypes[i], valueTypes[i + 1]));
    }
    ByteArrayOutputStream functions = new ByteArrayOutputStream();
    ByteArrayOutputStream locations = new ByteArrayOutputStream();
    for (Map.Entry<String, Long> s : stacks.entrySet()) {
      List<String> frames = frames(s.getKey());
      ByteArrayOutputStream ids = new ByteArrayOutputStream();
      for (int i = frames.size() - 1; i >= 0; i--) { // leaf first
        long id = e.function(frames.get(i), functions, locations);
        varint(ids, id);
      }
      ByteArrayOutputStream vals = new ByteArrayOutputStream();
      for (long v : valuesPerSample.apply(s.getValue())) {
        varint(vals, v);
      }
      ByteArrayOutputStream sample = new ByteArrayOutputStream();
      bytes(sample, 1, ids.toByteArray()); // packed location_id
      bytes(sample, 2, vals.toByteArray()); // packed value
      bytes(body, 2, sample.toByteArray());
    }
    locations.writeTo(body);
    functions.writeTo(body);
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    varintField(tail, 9, timeNanos);
    varintField(tail, 10, durationNanos);
    e.message(tail, 11, e.valueType(periodType, periodUnit));
    varintField(tail, 12, period);
    for (String st : e.strings) {
      bytes(body, 6, st.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    tail.writeTo(body);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      body.writeTo(gz);
    }
  }

  /** Root-first frames of a collapsed stack (keeps empty names, unlike String.split). */
  static List<String> frames(String stack) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = stack.indexOf(';'); i >= 0; i = stack.indexOf(';', from)) {
      out.add(stack.substring(from, i));
      from = i + 1;
    }
    out.add(stack.substring(from));
    return out;
  }

  private byte[] valueType(String type, String unit) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    varintField(m, 1, str(type));
    varintField(m, 2, str(unit));
    return m.toByteArray();
  }

  private long function(String name, ByteArrayOutputStream functions, ByteArrayOutputStream locations) {
    Long known = functionIds.get(name);
    if (known != null) {
      return known;
    }
    long id = functionIds.size() + 1L;
    functionIds.put(name, id);
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    varintField(f, 1, id);
    varintField(f, 2, str(name));
    varintField(f, 3, str(name));
    bytes(functions, 5, f.toByteArray());
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    varintField(line, 1, id);
    ByteArrayOutputStream loc = new ByteArrayOutputStream();
    varintField(loc, 1, id);
    bytes(loc, 4, line.toByteArray());
    bytes(locations, 4, loc.toByteArray());
    return id;
  }

  private long str(String s) {
    Integer i = stringIndex.get(s);
    if (i == null) {
      i = strings.size();
      strings.add(s);
      stringIndex.put(s, i);
    }
    return i;
  }

  private void message(ByteArrayOutputStream out, int field, byte[] m) {
    bytes(out, field, m);
  }

  private static void varintField(ByteArrayOutputStream out, int field, long v) {
    varint(out, (long) field << 3); // wire type 0
    varint(out, v);
  }

  private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
    varint(out, ((long) field << 3) | 2);
    varint(out, b.length);
    out.write(b, 0, b.length);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
