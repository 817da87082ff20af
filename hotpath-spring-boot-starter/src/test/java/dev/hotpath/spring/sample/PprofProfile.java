package dev.hotpath.spring.sample;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What a gzipped pprof profile.proto holds, read with protobuf-java's wire reader independently of
 * hotpath's encoder: sample types, samples and the string table (field numbers from pprof's
 * profile.proto).
 */
record PprofProfile(List<String> strings, int sampleTypes, int samples, int functions) {
  static PprofProfile decode(byte[] gzipped) throws IOException {
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    List<String> strings = new ArrayList<>();
    int sampleTypes = 0;
    int samples = 0;
    int functions = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> { in.readByteArray(); sampleTypes++; }
        case 2 -> { in.readByteArray(); samples++; }
        case 5 -> { in.readByteArray(); functions++; }
        case 6 -> strings.add(in.readStringRequireUtf8());
        default -> in.skipField(tag);
      }
    }
    return new PprofProfile(strings, sampleTypes, samples, functions);
  }
}
