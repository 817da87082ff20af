package dev.hotpath.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.db.NPlusOne;
import dev.hotpath.db.QueryInspector;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The starter in a real application: HTTP through Tomcat, JPA over PostgreSQL, Actuator, Security. */
class SampleApplicationIT extends SampleAppTest {
  @Autowired RecordingQueryListener listener;
  @Autowired MeterRegistry registry;
  @Autowired DataSource dataSource;
  @Autowired QueryInspector inspector;

  @Test
  void everyResponseCarriesServerTimingWithTheDatabaseTime() {
    HttpResponse<byte[]> response = get("/authors/1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Server-Timing")).get().asString()
        .matches("app;dur=\\d+\\.\\d\\d, db;dur=\\d+\\.\\d\\d;desc=\"\\d+\"");
  }

  @Test
  void theLazyListingIsReportedAsNPlusOneWithTheApplicationsCallSite() {
    int before = listener.nPlusOnes().size();
    assertThat(get("/authors").statusCode()).isEqualTo(200);
    List<NPlusOne> found = listener.nPlusOnes().subList(before, listener.nPlusOnes().size());
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.scope()).isEqualTo("GET /authors");
      assertThat(d.fingerprint()).startsWith("select").contains("from book").contains("where").contains("author_id = ?");
      assertThat(d.count()).isEqualTo(3); // reported when it reaches the threshold
      assertThat(d.callSite()).startsWith("AuthorController."); // not a Hibernate frame
    });
  }

  @Test
  void theFetchJoinIsNotNPlusOne() {
    int before = listener.nPlusOnes().size();
    HttpResponse<byte[]> response = get("/authors/joined");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).contains("book 5.3");
    assertThat(listener.nPlusOnes()).hasSize(before);
    assertThat(response.headers().firstValue("Server-Timing")).get().asString().contains("db;dur=").contains("desc=\"1\"");
  }

  @Test
  void httpServerRequestsIsCountedOnceByTheApplicationsOwnObservation() {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/authors/2").statusCode()).isEqualTo(200);
    }
    // Spring Boot's observation records it; hotpath's filter adds Scope and Server-Timing, no second count
    assertThat(registry.find("http.server.requests").tag("uri", "/authors/{id}").timers())
        .singleElement()
        .satisfies(t -> assertThat(t.count()).isGreaterThanOrEqualTo(3).isEqualTo(countOf("/authors/{id}")));
  }

  private long countOf(String uri) {
    return registry.find("http.server.requests").tag("uri", uri).timers().stream().mapToLong(t -> t.count()).sum();
  }

  @Test
  void theDataSourceIsInspectedAndSpringsPoolMetricsStillWork() throws Exception {
    assertThat(Proxy.isProxyClass(dataSource.getClass())).isTrue();
    assertThat(dataSource.unwrap(HikariDataSource.class)).isNotNull();
    get("/authors/3");
    assertThat(registry.find("hikaricp.connections").gauge()).isNotNull();
    assertThat(registry.find("jdbc.connections.max").gauge()).isNotNull();
    assertThat(inspector.digest().totalCount()).isPositive();
  }

  @Test
  void jvmExtrasAndLeakMetricsAreBoundBesideSpringsJvmMetrics() {
    assertThat(registry.find("jvm.threads.deadlocked").gauge()).isNotNull();
    assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
    assertThat(registry.find("hotpath.leak.findings").functionCounter()).isNotNull();
    assertThat(registry.find("hotpath.leak.growth").gauge()).isNotNull();
  }

  @Test
  void actuatorEndpointsRefuseAnonymousCallers() {
    assertThat(get("/actuator/pprof/profile?seconds=1").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/querydigest").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void endpointsThatAreNotExposedAreNotServed() {
    assertThat(getAsOps("/actuator/heapdump").statusCode()).isEqualTo(404);
    assertThat(getAsOps("/actuator/env").statusCode()).isEqualTo(404);
  }

  @Test
  void theQueryDigestListsFingerprints() {
    get("/authors/joined");
    HttpResponse<byte[]> response = getAsOps("/actuator/querydigest");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body(response)).contains("\"fingerprint\"").contains("from author").contains("\"totalMs\"");
  }

  @Test
  void thePprofEndpointReturnsAProfileThatPprofReads() throws Exception {
    HttpResponse<byte[]> response = getAsOps("/actuator/pprof/wall?seconds=1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/octet-stream");
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "sample-wall.pb.gz"), response.body()); // for `go tool pprof -top` by hand
    PprofProfile profile = PprofProfile.decode(response.body());
    assertThat(profile.sampleTypes()).isPositive();
    assertThat(profile.samples()).isPositive();
    assertThat(profile.functions()).isPositive();
    assertThat(profile.strings()).first().isEqualTo(""); // pprof's rule: string 0 is empty
    assertThat(profile.strings()).anyMatch(s -> s.contains("Thread"));
  }

  @Test
  void thePprofEndpointExplainsBadRequests() {
    HttpResponse<byte[]> tooLong = getAsOps("/actuator/pprof/profile?seconds=3600");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(body(tooLong)).contains("seconds must be within [1, 10], was 3600 (hotpath.profiling.max-duration)");
    HttpResponse<byte[]> unknown = getAsOps("/actuator/pprof/nosuch");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(body(unknown)).contains("unknown profile 'nosuch'");
    assertThat(body(getAsOps("/actuator/pprof/threads"))).contains("\"main\"");
  }
}
