package dev.hotpath.load.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real HTTP/2 server for the engine's tests: Jetty 12 with h2c (prior knowledge) on one port and
 * h2 over TLS (ALPN, a self-signed certificate made by the JDK's keytool) on another. Answers
 * {@code hello} with a Server-Timing header after {@code delayMillis}, and counts requests,
 * connections and the most requests in progress at once.
 */
final class JettyHttp2Server implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector h2c;
  private final ServerConnector h2;
  final AtomicLong requests = new AtomicLong();
  final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger inProgress = new AtomicInteger();
  final AtomicInteger maxInProgress = new AtomicInteger();

  JettyHttp2Server(long delayMillis, Path dir) throws Exception {
    HttpConfiguration http = new HttpConfiguration();
    HTTP2CServerConnectionFactory cleartext = new HTTP2CServerConnectionFactory(http);
    cleartext.setMaxConcurrentStreams(1000);
    h2c = new ServerConnector(server, cleartext);
    h2c.setHost("127.0.0.1");

    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer(false));
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(keyStore(dir).toString());
    ssl.setKeyStorePassword("changeit");
    ssl.setKeyStoreType("PKCS12");
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
    alpn.setDefaultProtocol("h2");
    HTTP2ServerConnectionFactory h2Factory = new HTTP2ServerConnectionFactory(https);
    h2Factory.setMaxConcurrentStreams(1000);
    h2 = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2Factory);
    h2.setHost("127.0.0.1");
    for (ServerConnector c : new ServerConnector[] {h2c, h2}) {
      c.addEventListener(new org.eclipse.jetty.io.Connection.Listener() {
        @Override
        public void onOpened(org.eclipse.jetty.io.Connection connection) {
          if (!(connection.getEndPoint() instanceof EndPoint.Wrapper)) {
            connections.incrementAndGet();
          }
        }
      });
      server.addConnector(c);
    }
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        requests.incrementAndGet();
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        Runnable answer = () -> {
          inProgress.decrementAndGet();
          response.setStatus(200);
          response.getHeaders().put("Server-Timing", "app;dur=1.5");
          response.write(true, ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), callback);
        };
        if (delayMillis <= 0) {
          answer.run();
        } else {
          server.getScheduler().schedule(answer, delayMillis, TimeUnit.MILLISECONDS);
        }
        return true;
      }
    });
    server.start();
  }

  /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the running JDK's keytool. */
  private static Path keyStore(Path dir) throws IOException, InterruptedException {
    Path ks = dir.resolve("server.p12");
    Files.deleteIfExists(ks);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    return ks;
  }

  String h2cUrl(String path) {
    return "http://127.0.0.1:" + h2c.getLocalPort() + path;
  }

  String h2Url(String path) {
    return "https://127.0.0.1:" + h2.getLocalPort() + path;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the test server", e);
    }
  }
}
