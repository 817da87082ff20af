package dev.hotpath.cache.internal;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Redis side of a tiered cache: plain reads, leased fills, invalidations, and the invalidation
 * channel. Every command is asynchronous and times out after the configured command timeout.
 *
 * <p>Layout: the value of key {@code k} lives at {@code name:{k}} and its fill lease at
 * {@code name:{k}:lease} (one hash tag, so both land in one Redis Cluster slot and a script may
 * touch both). Values are framed by {@link RedisPayload}; messages by {@link InvalidationMessage}.
 *
 * <p>The fill protocol follows memcache leases (Nishtala et al., "Scaling Memcache at Facebook",
 * NSDI 2013): a reader that misses takes a lease token, loads, and stores its value only if its
 * token is still the lease (checked and written atomically by {@link #FILL}); an invalidation
 * deletes the value and the lease together, so a load that began before the invalidation can no
 * longer store what it read (the race of lettuce #3481).
 */
public final class RedisTier implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisTier.class.getName());

  // ARGV: token, lease ms, exclusive, force (take the lease even if the value is there: refresh).
  // Returns {1, value} on a hit, {2} when this caller now holds the lease, {3} when another does.
  private static final String LEASE =
      """
      if ARGV[4] ~= '1' then
        local v = redis.call('GET', KEYS[1])
        if v then return {1, v} end
      end
      if ARGV[3] == '1' then
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
        return {3}
      end
      redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
      return {2}
      """;

  // Stores the value only while the caller's token is still the lease: 1 stored, 0 refused.
  private static final String FILL =
      """
      if redis.call('GET', KEYS[2]) == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('DEL', KEYS[2])
        return 1
      end
      return 0
      """;

  // A write-through: stores the value and drops any fill lease, so a load that read the old value
  // before this write can no longer fill it.
  private static final String PUT =
      """
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      redis.call('DEL', KEYS[2])
      return 1
      """;

  /** The outcome of {@link #lease}. */
  public sealed interface Lease {
    /** The value was there after all. */
    @SuppressWarnings("ArrayRecordComponent") // a transient reply, never compared or hashed
    record Hit(byte[] payload) implements Lease {}

    /** The caller holds the lease and should load and {@link #fill}. */
    record Granted() implements Lease {}

    /** Another caller holds the lease (exclusive mode only). */
    record HeldByOther() implements Lease {}
  }

  private final String name;
  private final String channel;
  private final String originId;
  private final long timeoutNanos;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private volatile boolean channelLost;

  /**
   * Opens a command connection and a subscription on {@code client}.
   *
   * @param onInvalidation called with the key strings of each invalidation from another instance
   * @param onResubscribed called when the channel is subscribed again after a disconnect, i.e.
   *     when invalidations may have been missed
   */
  public RedisTier(
      RedisClient client,
      String name,
      String originId,
      Duration commandTimeout,
      Consumer<List<String>> onInvalidation,
      Runnable onResubscribed) {
    this.name = name;
    this.channel = "hotpath:cache:" + name + ":invalidations";
    this.originId = originId;
    this.timeoutNanos = commandTimeout.toNanos();
    this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    this.commands = connection.async();
    try {
      this.pubSub = client.connectPubSub(StringCodec.UTF8);
    } catch (RuntimeException e) {
      connection.close(); // a half-built tier must not leak its first connection
      throw e;
    }
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String ch, String message) {
            if (!channel.equals(ch)) {
              return;
            }
            InvalidationMessage m = InvalidationMessage.decode(message);
            if (m == null) {
              LOG.log(Level.WARNING, "ignoring malformed invalidation message: {0}", message);
              return;
            }
            if (!originId.equals(m.origin())) {
              onInvalidation.accept(m.keys());
            }
          }

          @Override
          public void subscribed(String ch, long count) {
            // Lettuce resubscribes by itself after a reconnect; only then is the channel whole again.
            if (channel.equals(ch) && channelLost) {
              channelLost = false;
              onResubscribed.run();
            }
          }
        });
    pubSub.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
            channelLost = true;
          }
        });
    try {
      pubSub.sync().subscribe(channel);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The channel invalidations travel on. */
  public String channel() {
    return channel;
  }

  /** Whether the invalidation channel is currently down (messages may be being missed). */
  public boolean channelLost() {
    return channelLost;
  }

  /** The Redis key of the value of {@code key}. */
  public String valueKey(String key) {
    return name + ":{" + key + "}";
  }

  private String leaseKey(String key) {
    return name + ":{" + key + "}:lease";
  }

  /** GET of one value; completes with {@code null} on a miss. */
  public CompletableFuture<byte[]> get(String key) {
    // Lettuce is not null-annotated: the future completes with null on a miss.
    return timed(commands.get(valueKey(key)).toCompletableFuture());
  }

  /** One MGET; the list is parallel to {@code keys}, {@code null} where missing. */
  public CompletableFuture<List<byte @Nullable []>> mget(List<String> keys) {
    String[] redisKeys = keys.stream().map(this::valueKey).toArray(String[]::new);
    return timed(commands.mget(redisKeys).toCompletableFuture())
        .thenApply(
            kvs -> {
              List<byte @Nullable []> out = new ArrayList<>(kvs.size());
              for (KeyValue<String, byte[]> kv : kvs) {
                out.add(kv.hasValue() ? kv.getValue() : null);
              }
              return out;
            });
  }

  /** Reads the value again and, if still missing, takes the fill lease with {@code token}. */
  public CompletableFuture<Lease> lease(String key, String token, Duration ttl, boolean exclusive) {
    return lease(key, token, ttl, exclusive, false);
  }

  /** Takes the fill lease even though the value exists, to refresh it before it expires. */
  public CompletableFuture<Lease> leaseForRefresh(String key, String token, Duration ttl) {
    return lease(key, token, ttl, false, true);
  }

  private CompletableFuture<Lease> lease(
      String key, String token, Duration ttl, boolean exclusive, boolean force) {
    CompletableFuture<List<Object>> reply =
        timed(
            commands
                .<List<Object>>eval(
                    LEASE,
                    ScriptOutputType.MULTI,
                    new String[] {valueKey(key), leaseKey(key)},
                    bytes(token),
                    bytes(Long.toString(Math.max(1, ttl.toMillis()))),
                    bytes(exclusive ? "1" : "0"),
                    bytes(force ? "1" : "0"))
                .toCompletableFuture());
    return reply.thenApply(
        r -> {
          long code = (Long) r.get(0);
          if (code == 1) {
            return new Lease.Hit((byte[]) r.get(1));
          }
          return code == 2 ? new Lease.Granted() : new Lease.HeldByOther();
        });
  }

  /** Stores {@code payload} if {@code token} still holds the lease; completes with whether it did. */
  public CompletableFuture<Boolean> fill(String key, String token, byte[] payload, Duration ttl) {
    return timed(
            commands
                .<Long>eval(
                    FILL,
                    ScriptOutputType.INTEGER,
                    new String[] {valueKey(key), leaseKey(key)},
                    bytes(token),
                    payload,
                    bytes(Long.toString(Math.max(1, ttl.toMillis()))))
                .toCompletableFuture())
        .thenApply(stored -> stored == 1L);
  }

  /**
   * Deletes the values and leases of {@code keys}, then publishes them on the channel; completes
   * when both commands were acknowledged.
   */
  public CompletableFuture<Void> invalidate(List<String> keys) {
    String[] redisKeys = new String[keys.size() * 2];
    for (int i = 0; i < keys.size(); i++) {
      redisKeys[2 * i] = valueKey(keys.get(i));
      redisKeys[2 * i + 1] = leaseKey(keys.get(i));
    }
    // Pipelined on one connection: Redis runs DEL before PUBLISH, so a receiver that drops its L1
    // copy and reads again cannot find the old value in Redis.
    CompletableFuture<Long> del = timed(commands.del(redisKeys).toCompletableFuture());
    CompletableFuture<Long> pub =
        timed(commands.publish(channel, bytes(new InvalidationMessage(originId, keys).encode())).toCompletableFuture());
    return CompletableFuture.allOf(del, pub);
  }

  /**
   * Stores {@code payload} as the value of {@code key} (dropping its fill lease), then publishes
   * the key so other instances drop their L1 copy; completes when both were acknowledged.
   */
  public CompletableFuture<Void> put(String key, byte[] payload, Duration ttl) {
    CompletableFuture<Long> set =
        timed(
            commands
                .<Long>eval(
                    PUT,
                    ScriptOutputType.INTEGER,
                    new String[] {valueKey(key), leaseKey(key)},
                    payload,
                    bytes(Long.toString(Math.max(1, ttl.toMillis()))))
                .toCompletableFuture());
    CompletableFuture<Long> pub =
        timed(
            commands
                .publish(channel, bytes(new InvalidationMessage(originId, List.of(key)).encode()))
                .toCompletableFuture());
    return CompletableFuture.allOf(set, pub);
  }

  private <T> CompletableFuture<T> timed(CompletableFuture<T> f) {
    return f.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    pubSub.close();
    connection.close();
  }
}
