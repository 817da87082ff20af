package dev.hotpath.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A real Jetty 12 (ee10) server on a free loopback port, for tests. */
final class TestServer implements AutoCloseable {
  private final Server server;
  private final ServletContextHandler context;
  private final ServerConnector connector;

  TestServer() {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("test-jetty");
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    context = new ServletContextHandler();
    context.setContextPath("/");
    server.setHandler(context);
  }

  TestServer filter(Filter filter, String pathSpec) {
    context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    return this;
  }

  TestServer servlet(HttpServlet servlet, String pathSpec) {
    context.addServlet(new ServletHolder(servlet), pathSpec);
    return this;
  }

  TestServer start() throws Exception {
    server.start();
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
