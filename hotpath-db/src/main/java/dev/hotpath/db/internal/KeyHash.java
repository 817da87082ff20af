package dev.hotpath.db.internal;

import java.nio.charset.StandardCharsets;

/** 64-bit hashing for shard keys: MurmurHash3's finaliser (fmix64) and FNV-1a for bytes. */
public final class KeyHash {
  private KeyHash() {}

  /** Scrambles {@code key} so that sequential ids spread over all 64 bits (MurmurHash3 fmix64). */
  public static long mix(long key) {
    long k = key;
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** A well-mixed 64-bit hash of the UTF-8 bytes of {@code s} (FNV-1a, then fmix64). */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A uniform double in (0, 1) from a hash. */
  public static double unit(long hash) {
    return ((hash >>> 11) + 0.5) / (double) (1L << 53);
  }
}
