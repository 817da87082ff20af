package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * HttpClient 5 is optional: a user of the load balancer or the compression filter does not get it,
 * and a user of PooledHttpClient who forgot it is told what to add.
 */
class OptionalHttpClientTest {

  @Test
  void theBalancerWorksWithoutHttpClientAndTheClientNamesTheArtifact() throws Exception {
    ChildJvm.Result r =
        ChildJvm.run(WithoutHttpClientWorkload.class, entry -> entry.contains("httpclient5") || entry.contains("httpcore5"));
    assertThat(r.output()).as(r.output())
        .contains("BALANCER true")
        .contains("COMPRESSION true")
        .contains("CLIENT PooledHttpClient needs Apache HttpClient 5, an optional dependency of hotpath-http:"
            + " add org.apache.httpcomponents.client5:httpclient5 to your dependencies");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void withHttpClientTheClientIsCreated() throws Exception {
    ChildJvm.Result r = ChildJvm.run(WithoutHttpClientWorkload.class, entry -> false);
    assertThat(r.output()).as(r.output()).contains("BALANCER true").contains("CLIENT created");
  }
}
