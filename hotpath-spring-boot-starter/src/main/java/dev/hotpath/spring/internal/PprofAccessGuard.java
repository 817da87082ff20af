package dev.hotpath.spring.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * hotpath's rule for profiling endpoints, applied to {@code /actuator/pprof}: served off loopback
 * only behind authentication. It passes when Spring Security is on the class path (its Actuator
 * rules then apply), when the management address (else the server address, when management shares
 * the server's port) is a loopback address, or when {@code hotpath.profiling.allow-unsecured} says
 * so; otherwise startup fails with what to do.
 */
public final class PprofAccessGuard {
  private PprofAccessGuard() {}

  /** Throws {@link IllegalStateException} when the endpoint would be open to the network. */
  public static void check(Environment env, boolean allowUnsecured, @Nullable ClassLoader loader) {
    if (allowUnsecured || ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", loader)) {
      return;
    }
    String address = env.getProperty("management.server.address");
    if (address == null && env.getProperty("management.server.port") == null) {
      address = env.getProperty("server.address");
    }
    if (address != null && isLoopback(address)) {
      return;
    }
    throw new IllegalStateException(
        "/actuator/pprof is exposed without Spring Security on "
            + (address == null ? "every network address" : address)
            + ": add spring-boot-starter-security, set management.server.address=127.0.0.1,"
            + " or set hotpath.profiling.allow-unsecured=true if something in front authenticates");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
