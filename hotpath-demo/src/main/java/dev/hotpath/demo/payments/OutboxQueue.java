package dev.hotpath.demo.payments;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.hotpath.concurrency.Backpressure;
import dev.hotpath.concurrency.WorkerPool;
import dev.hotpath.concurrency.WorkerPoolConfig;
import dev.hotpath.concurrency.WorkerThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Carries outbox entries to the after-charge work. The outbox row, written in the charge's own
 * transaction, is the durable record; the queue only makes the work start at once:
 * <ul>
 *   <li>RabbitMQ (when {@code --queue} names it or {@code auto} finds it on loopback): a durable queue
 *       consumed with manual acks, so an instance killed mid-work has its messages redelivered to the
 *       others;</li>
 *   <li>otherwise the in-process {@link WorkerPool}: a task lost with its process is found again in
 *       the outbox.</li>
 * </ul>
 * In both, a poller hands every instance the entries left open past their age (publish failed, pool
 * full, worker died), so nothing waits for a message that will never come.
 */
final class OutboxQueue implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OutboxQueue.class.getName());
  private static final long POLL_AGE_MILLIS = 3_000;

  private final AfterCharge work;
  private final WorkerPool pool;
  private final ScheduledExecutorService poller;
  private final @Nullable Connection rabbit;
  private final @Nullable Channel publish;
  private final @Nullable Channel consume;
  private final String queue;
  private final PaymentStore store;

  private OutboxQueue(PaymentStore store, AfterCharge work, @Nullable Connection rabbit, String queue) throws IOException {
    this.store = store;
    this.work = work;
    this.queue = queue;
    this.pool = WorkerPool.create("after-charge", WorkerPoolConfig.builder()
        .workers(4).threads(WorkerThreads.VIRTUAL).queueCapacity(10_000).backpressure(Backpressure.REJECT).build());
    this.rabbit = rabbit;
    if (rabbit != null) {
      publish = rabbit.createChannel();
      publish.queueDeclare(queue, true, false, false, null);
      Channel c = rabbit.createChannel();
      c.basicQos(32);
      c.basicConsume(queue, false, (tag, delivery) -> {
        long id = Long.parseLong(new String(delivery.getBody(), StandardCharsets.UTF_8));
        long deliveryTag = delivery.getEnvelope().getDeliveryTag();
        submit(id, () -> ack(deliveryTag));
      }, tag -> { });
      consume = c;
    } else {
      publish = null;
      consume = null;
    }
    poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("outbox-poller").factory());
    var unused = poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * The queue {@code spec} asks for: {@code none} (in-process), {@code auto} (RabbitMQ on loopback when
   * it answers) or an {@code amqp://} URI.
   */
  static OutboxQueue open(String spec, String queueName, PaymentStore store, AfterCharge work) throws IOException {
    @Nullable Connection rabbit = null;
    if (!"none".equals(spec)) {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setConnectionTimeout(1_000);
      try {
        if (!"auto".equals(spec)) {
          factory.setUri(spec);
        }
        rabbit = factory.newConnection("hotpath-payments");
      } catch (IOException | TimeoutException | java.net.URISyntaxException | java.security.GeneralSecurityException e) {
        if (!"auto".equals(spec)) {
          throw new IOException("RabbitMQ at " + spec + " does not answer: " + e.getMessage(), e);
        }
      }
    }
    return new OutboxQueue(store, work, rabbit, queueName);
  }

  /** {@code rabbitmq} or {@code in-process}. */
  String kind() {
    return rabbit != null ? "rabbitmq" : "in-process";
  }

  /** Starts the after-charge work of entry {@code outboxId} (committed already). */
  void publish(long outboxId) {
    Channel channel = publish;
    if (channel != null) {
      try {
        // No publisher confirm and a transient message: the outbox row is the durable record and the
        // message only a prompt, so the request never waits for the broker's disk (a lost prompt costs
        // the entry the poller's 3 s, never the entry).
        synchronized (channel) {
          channel.basicPublish("", queue, MessageProperties.BASIC, Long.toString(outboxId).getBytes(StandardCharsets.UTF_8));
        }
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "publish of outbox entry " + outboxId + " failed, the poller will run it: " + e);
        return;
      }
    }
    submit(outboxId, () -> { });
  }

  private void submit(long outboxId, Runnable then) {
    try {
      pool.execute(() -> {
        work.process(outboxId);
        then.run();
      });
    } catch (RejectedExecutionException e) {
      // the pool is full: the entry stays open in the outbox and the poller comes back for it
    }
  }

  private void ack(long deliveryTag) {
    Channel c = consume;
    if (c == null) {
      return;
    }
    try {
      synchronized (c) {
        c.basicAck(deliveryTag, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "ack failed (the entry is done; a redelivery finds it done)", e);
    }
  }

  private void poll() {
    try {
      for (long id : store.openOutbox(POLL_AGE_MILLIS, AfterCharge.CLAIM_LEASE_MILLIS, 500)) {
        submit(id, () -> { });
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "outbox poll failed: " + e.getMessage());
    }
  }

  /** Work accepted but not started in this process. */
  int depth() {
    return pool.stats().queueDepth();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    Connection r = rabbit;
    if (r != null) {
      try {
        r.close(1_000);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing RabbitMQ", e);
      }
    }
    pool.shutdown(Duration.ofSeconds(2));
  }

  /** Deletes {@code queueName} (the driver's clean-up after a run); quiet when RabbitMQ is gone. */
  static void deleteQueue(String queueName) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setConnectionTimeout(1_000);
    try (Connection c = factory.newConnection("hotpath-payments-cleanup"); Channel ch = c.createChannel()) {
      ch.queueDelete(queueName);
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.log(Level.FINE, "deleting queue " + queueName, e);
    }
  }
}
