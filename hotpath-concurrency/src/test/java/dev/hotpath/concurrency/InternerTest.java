package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class InternerTest {

  enum Kind {
    STRONG(Interner::strong),
    WEAK(Interner::weak);

    final Supplier<Interner<String>> factory;

    Kind(Supplier<Interner<String>> factory) {
      this.factory = factory;
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void equalValuesShareOneInstance(Kind kind) {
    Interner<String> interner = kind.factory.get();
    String a = new String("payments");
    String b = new String("payments");
    assertThat(a).isNotSameAs(b);
    assertThat(interner.intern(a)).isSameAs(a);
    assertThat(interner.intern(b)).isSameAs(a);
    assertThat(interner.intern(new String("orders"))).isNotSameAs(a).isEqualTo("orders");
    assertThat(interner.size()).isEqualTo(2);
  }

  /** Many threads intern overlapping values; each value must map to exactly one instance. */
  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void stressEveryThreadGetsTheSameCanonicalInstance(WorkerThreads threads) throws Exception {
    for (Kind kind : Kind.values()) {
      Interner<String> interner = kind.factory.get();
      ConcurrentHashMap<String, String> firstSeen = new ConcurrentHashMap<>();
      Stress.run(
          threads,
          32,
          t -> {
            for (int i = 0; i < 5_000; i++) {
              String value = new String("key-" + ((i * 7 + t) % 500)); // a fresh copy each time
              String canonical = interner.intern(value);
              if (!canonical.equals(value)) {
                throw new AssertionError(kind + ": " + canonical + " != " + value);
              }
              String previous = firstSeen.putIfAbsent(value, canonical);
              if (previous != null && previous != canonical) {
                throw new AssertionError(kind + ": two canonical instances of " + value);
              }
            }
          });
      // firstSeen holds the canonical instances strongly, so even the weak interner keeps all 500
      assertThat(interner.size()).as(kind.name()).isEqualTo(500);
    }
  }

  @Test
  void weakInternerForgetsValuesNobodyUses() throws Exception {
    Interner<String> interner = Interner.weak();
    for (int i = 0; i < 1_000; i++) {
      interner.intern(new String("transient-" + i));
    }
    String kept = interner.intern(new String("kept"));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (interner.size() > 1 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(interner.size()).isEqualTo(1);
    assertThat(interner.intern(new String("kept"))).isSameAs(kept);
  }

  @Test
  void strongInternerKeepsValues() {
    Interner<String> interner = Interner.strong();
    for (int i = 0; i < 100; i++) {
      interner.intern(new String("v" + i));
    }
    System.gc();
    assertThat(interner.size()).isEqualTo(100);
  }
}
