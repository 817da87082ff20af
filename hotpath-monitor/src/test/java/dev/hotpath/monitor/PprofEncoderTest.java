package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PprofEncoderTest {
  @Test
  void writesAValidProfileProto() throws Exception {
    Map<String, Long> stacks = new LinkedHashMap<>();
    stacks.put("java/lang/Thread.run;com/acme/Server.handle;com/acme/Db.query", 70L);
    stacks.put("java/lang/Thread.run;com/acme/Server.handle;com/acme/Json.write", 25L);
    stacks.put("java/lang/Thread.run;com/acme/Server.handle", 5L);
    Profile p = new Profile(ProfileEvent.CPU, "test", Instant.EPOCH, Duration.ofSeconds(1), 10_000_000, stacks, null);

    PprofDecoder d = PprofDecoder.decode(p.toBytes(ProfileFormat.PPROF));

    assertThat(d.strings.get(0)).isEmpty(); // pprof requires string_table[0] == ""
    assertThat(d.sampleTypes).hasSize(2);
    assertThat(d.string(d.sampleTypes.get(0)[0])).isEqualTo("samples");
    assertThat(d.string(d.sampleTypes.get(1)[0])).isEqualTo("cpu");
    assertThat(d.string(d.sampleTypes.get(1)[1])).isEqualTo("nanoseconds");
    assertThat(d.period).isEqualTo(10_000_000);
    assertThat(d.durationNanos).isEqualTo(1_000_000_000L);
    assertThat(d.sampleLocations).hasSize(3);
    assertThat(d.stack(0)).containsExactly("com/acme/Db.query", "com/acme/Server.handle", "java/lang/Thread.run");
    assertThat(d.sampleValues.get(0)).containsExactly(70L, 700_000_000L);
    assertThat(d.stack(2)).containsExactly("com/acme/Server.handle", "java/lang/Thread.run");
    // one function per distinct frame, shared by the samples
    assertThat(d.functionName).hasSize(4);
  }

  @Test
  void allocationProfilesCarryBytes() throws Exception {
    Profile p =
        new Profile(ProfileEvent.ALLOC, "test", Instant.EPOCH, Duration.ofSeconds(1), 0, Map.of("a;b", 4096L), null);
    PprofDecoder d = PprofDecoder.decode(p.toBytes(ProfileFormat.PPROF));
    assertThat(d.string(d.sampleTypes.get(0)[1])).isEqualTo("bytes");
    assertThat(d.sampleValues.get(0)).containsExactly(4096L);
    assertThat(d.stack(0)).containsExactly("b", "a");
  }
}
