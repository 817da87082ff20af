package dev.hotpath.http;

import java.util.List;

/**
 * A child JVM for {@link OptionalHttpClientTest}, run without HttpClient 5 on its class path: the
 * load balancer and the compression config must work; {@code PooledHttpClient.create} must say
 * which artifact to add.
 */
public final class WithoutHttpClientWorkload {
  private WithoutHttpClientWorkload() {}

  public static void main(String[] args) throws Exception {
    try (LoadBalancer<String> balancer =
        LoadBalancer.builder(List.of("a", "b")).config(LoadBalancerConfig.ofDefaults()).build()) {
      String answer = balancer.call(endpoint -> "called " + endpoint);
      System.out.println("BALANCER " + answer.startsWith("called "));
    }
    System.out.println("COMPRESSION " + CompressionConfig.ofDefaults().isCompressible("text/html"));
    try {
      PooledHttpClient.create(HttpClientConfig.ofDefaults()).close();
      System.out.println("CLIENT created");
    } catch (IllegalStateException e) {
      System.out.println("CLIENT " + e.getMessage());
    }
  }
}
