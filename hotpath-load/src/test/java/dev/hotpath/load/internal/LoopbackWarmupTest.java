package dev.hotpath.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Transport;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackWarmupTest {
  private static final ExpectedStatuses EXPECTED = new ExpectedStatuses(List.of(RequestSpec.get("http://127.0.0.1:1/")));

  @Test
  void everyRoundTripIsAnsweredOnEachTransport() throws Exception {
    List<Transport> transports = new ArrayList<>(List.of(Transport.NIO));
    if (Epoll.isAvailable()) {
      transports.add(Transport.EPOLL);
    }
    if (IoUring.isAvailable()) {
      transports.add(Transport.IO_URING);
    }
    for (Transport t : transports) {
      try (EventLoops loops = EventLoops.start(t, 1)) {
        assertThat(LoopbackWarmup.roundTrips(loops, loops.group.next(), EXPECTED, 2_000)).as(t.name()).isEqualTo(2_000);
        // the listening socket and the connection are closed afterwards: a second warm-up starts afresh
        assertThat(LoopbackWarmup.roundTrips(loops, loops.group.next(), EXPECTED, 10)).as(t.name()).isEqualTo(10);
      }
    }
  }
}
