package dev.hotpath.cache.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An invalidation as published on the channel: the sending instance and the keys, framed as
 * {@code 1|origin|len:keylen:key...} so any key string survives (no JSON library needed).
 */
record InvalidationMessage(String origin, List<String> keys) {
  private static final String VERSION = "1|";

  String encode() {
    StringBuilder sb = new StringBuilder(VERSION).append(origin).append('|');
    for (String k : keys) {
      sb.append(k.length()).append(':').append(k);
    }
    return sb.toString();
  }

  /** The message in {@code text}, or {@code null} if it is not one. */
  static @Nullable InvalidationMessage decode(String text) {
    if (!text.startsWith(VERSION)) {
      return null;
    }
    int bar = text.indexOf('|', VERSION.length());
    if (bar < 0) {
      return null;
    }
    String origin = text.substring(VERSION.length(), bar);
    List<String> keys = new ArrayList<>();
    int i = bar + 1;
    while (i < text.length()) {
      int colon = text.indexOf(':', i);
      if (colon < 0) {
        return null;
      }
      int len;
      try {
        len = Integer.parseInt(text, i, colon, 10);
      } catch (NumberFormatException e) {
        return null;
      }
      int end = colon + 1 + len;
      if (len < 0 || end > text.length()) {
        return null;
      }
      keys.add(text.substring(colon + 1, end));
      i = end;
    }
    return new InvalidationMessage(origin, keys);
  }
}
