package dev.hotpath.demo.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's idempotency and claim rules, on an in-memory H2 (the SQL is the one PostgreSQL runs too). */
class PaymentStoreTest {
  private PaymentStore store;
  private JdbcDataSource data;
  private Connection keepAlive;

  @BeforeEach
  void setUp() throws Exception {
    data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:pay" + ThreadLocalRandom.current().nextLong(1L << 40) + ";DB_CLOSE_DELAY=0");
    keepAlive = data.getConnection();
    PaymentStore.createTables(keepAlive);
    store = new PaymentStore(data);
  }

  @Test
  void theUniqueKeyLetsOneRequestOwnAPayment() throws Exception {
    assertThat(store.insertPending("k1", "o1", "a1", 100, "i1")).isPresent();
    assertThat(store.insertPending("k1", "o1", "a1", 100, "i2")).isEmpty();
    // the naive mode stores no key: any number of rows for one order
    assertThat(store.insertPending(null, "o2", "a1", 100, "i1")).isPresent();
    assertThat(store.insertPending(null, "o2", "a1", 100, "i1")).isPresent();
  }

  @Test
  void ofManyClaimersOfAReleasedPaymentExactlyOneWins() throws Exception {
    long id = store.insertPending("k2", "o2", "a1", 100, "i1").orElseThrow();
    store.release(id);
    PaymentStore.Payment released = store.byKey("k2").orElseThrow();
    AtomicInteger wins = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String owner = "i" + i;
      Thread.Builder builder = i % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
      threads.add(builder.start(() -> {
        try {
          if (store.claim(released, owner, 5_000)) {
            wins.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(wins).hasValue(1);
  }

  @Test
  void aFreshlyOwnedPaymentCannotBeClaimedButAChargedOneCompletesOnce() throws Exception {
    long id = store.insertPending("k3", "o3", "a1", 250, "i1").orElseThrow();
    assertThat(store.claim(store.byKey("k3").orElseThrow(), "i2", 5_000)).isFalse();
    long outbox = store.charged(id, "ch_1", 201, "{}");
    assertThat(PaymentStore.openOutboxCount(keepAlive)).isEqualTo(1);
    assertThat(store.claimOutbox(outbox, "w1", 10_000)).isTrue();
    assertThat(store.claimOutbox(outbox, "w2", 10_000)).isFalse(); // a redelivery while the first works
    store.complete(outbox, id, 7);
    assertThat(store.claimOutbox(outbox, "w2", 0)).isFalse(); // done: never again
    assertThat(PaymentStore.openOutboxCount(keepAlive)).isZero();
    assertThat(PaymentStore.completedPerOrder(keepAlive)).containsEntry("o3", 1);
    try (Connection c = data.getConnection()) {
      assertThat(store.balance(c, "a1")).isEqualTo(250);
    }
    assertThat(store.byId(id).map(PaymentStore.Payment::status)).isEqualTo(Optional.of(PaymentStore.COMPLETED));
  }
}
