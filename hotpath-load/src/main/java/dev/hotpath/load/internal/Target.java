package dev.hotpath.load.internal;

import dev.hotpath.load.HttpProtocol;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.TargetUnreachableException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Where the load goes: the resolved address, and for https the TLS context (with ALPN {@code h2}
 * for HTTP/2). {@link #prepare} does the I/O (DNS, loading trust material); the constructor does
 * none. Immutable, thread-safe.
 */
final class Target {
  final String host;
  final int port;
  final InetSocketAddress address;
  final HttpProtocol protocol;
  private final @Nullable SslContext ssl;

  Target(String host, int port, InetSocketAddress address, HttpProtocol protocol, @Nullable SslContext ssl) {
    this.host = host;
    this.port = port;
    this.address = address;
    this.protocol = protocol;
    this.ssl = ssl;
  }

  /**
   * Resolves the scenario's host and sets up TLS.
   *
   * @throws TargetUnreachableException if the host cannot be resolved
   * @throws IllegalStateException if TLS cannot be set up
   */
  static Target prepare(LoadConfig config) {
    URI target = config.scenario().target();
    String host = target.getHost();
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() < 0 ? (https ? 443 : 80) : target.getPort();
    SslContext ssl = https ? sslContext(config) : null;
    try {
      return new Target(host, port, new InetSocketAddress(InetAddress.getByName(host), port), config.protocol(), ssl);
    } catch (UnknownHostException e) {
      throw new TargetUnreachableException("cannot reach " + host + ":" + port + ": unknown host", e);
    }
  }

  private static SslContext sslContext(LoadConfig config) {
    try {
      SslContextBuilder b = SslContextBuilder.forClient();
      if (config.insecure()) {
        b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
      } else {
        b.endpointIdentificationAlgorithm("HTTPS");
      }
      if (config.protocol() == HttpProtocol.HTTP_2) {
        b.applicationProtocolConfig(new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2));
      }
      return b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  boolean tls() {
    return ssl != null;
  }

  /** A TLS handler for a new connection, or null on cleartext. */
  @Nullable SslHandler newSslHandler(ByteBufAllocator alloc) {
    return ssl == null ? null : ssl.newHandler(alloc, host, port);
  }

  /** {@code http/1.1}, {@code h2} or {@code h2c}. */
  String protocolName() {
    return protocol.wireName(tls());
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
