package dev.hotpath.monitor;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Decodes gzipped pprof profile.proto with protobuf-java's wire reader, independently of our
 * encoder, and checks the references a valid profile must satisfy.
 */
final class PprofDecoder {
  final List<String> strings = new ArrayList<>();
  final List<long[]> sampleTypes = new ArrayList<>(); // {type, unit}
  final List<List<Long>> sampleLocations = new ArrayList<>();
  final List<List<Long>> sampleValues = new ArrayList<>();
  final Map<Long, Long> locationToFunction = new HashMap<>();
  final Map<Long, Long> functionName = new HashMap<>();
  long period;
  long durationNanos;
  long[] periodType = new long[2];

  static PprofDecoder decode(byte[] gz) throws IOException {
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
    PprofDecoder d = new PprofDecoder();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> d.sampleTypes.add(valueType(in.readByteArray()));
        case 2 -> d.sample(in.readByteArray());
        case 4 -> d.location(in.readByteArray());
        case 5 -> d.function(in.readByteArray());
        case 6 -> d.strings.add(in.readStringRequireUtf8());
        case 10 -> d.durationNanos = in.readInt64();
        case 11 -> d.periodType = valueType(in.readByteArray());
        case 12 -> d.period = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    return d;
  }

  private static long[] valueType(byte[] b) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b);
    long[] v = new long[2];
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int f = WireFormat.getTagFieldNumber(tag);
      if (f == 1 || f == 2) {
        v[f - 1] = in.readInt64();
      } else {
        in.skipField(tag);
      }
    }
    return v;
  }

  private void sample(byte[] b) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b);
    List<Long> locs = new ArrayList<>();
    List<Long> vals = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int f = WireFormat.getTagFieldNumber(tag);
      List<Long> target = f == 1 ? locs : f == 2 ? vals : null;
      if (target == null) {
        in.skipField(tag);
      } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
          target.add(in.readRawVarint64());
        }
        in.popLimit(limit);
      } else {
        target.add(in.readRawVarint64());
      }
    }
    sampleLocations.add(locs);
    sampleValues.add(vals);
  }

  private void location(byte[] b) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b);
    long id = 0;
    long fn = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> id = in.readUInt64();
        case 4 -> {
          CodedInputStream line = CodedInputStream.newInstance(in.readByteArray());
          while (!line.isAtEnd()) {
            int t = line.readTag();
            if (WireFormat.getTagFieldNumber(t) == 1) {
              fn = line.readUInt64();
            } else {
              line.skipField(t);
            }
          }
        }
        default -> in.skipField(tag);
      }
    }
    locationToFunction.put(id, fn);
  }

  private void function(byte[] b) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(b);
    long id = 0;
    long name = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> id = in.readUInt64();
        case 2 -> name = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    functionName.put(id, name);
  }

  /** Leaf-first function names of sample i; fails on a dangling reference. */
  List<String> stack(int i) {
    List<String> names = new ArrayList<>();
    for (long loc : sampleLocations.get(i)) {
      Long fn = locationToFunction.get(loc);
      if (fn == null) {
        throw new AssertionError("sample " + i + " names missing location " + loc);
      }
      Long name = functionName.get(fn);
      if (name == null) {
        throw new AssertionError("location " + loc + " names missing function " + fn);
      }
      names.add(strings.get(Math.toIntExact(name)));
    }
    return names;
  }

  String string(long idx) {
    return strings.get(Math.toIntExact(idx));
  }
}
