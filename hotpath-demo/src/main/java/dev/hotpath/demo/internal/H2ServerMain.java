package dev.hotpath.demo.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The embedded database of a fresh machine: H2 in TCP server mode, in its own JVM, so every query
 * of the service under test crosses a real socket (an N+1 loop or a new connection per request
 * costs round trips, as with PostgreSQL) and the database's CPU, heap and GC are neither the
 * service's nor the load generator's. Usage: {@code H2ServerMain <baseDir>}; prints a
 * {@link ReadyLine} and runs until its stdin closes or it gets SIGTERM.
 */
public final class H2ServerMain {
  private H2ServerMain() {}

  public static void main(String[] args) throws SQLException, IOException {
    if (args.length != 1) {
      System.err.println("usage: H2ServerMain <baseDir>");
      System.exit(2);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    // -ifNotExists: the harness creates its database over the socket on first use
    Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", args[0], "-ifNotExists")
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "h2-stop"));
    System.out.println(ReadyLine.of(server.getPort()));
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the harness closes stdin
    }
    server.stop();
    System.exit(0);
  }
}
