package dev.hotpath.load.internal;

import dev.hotpath.load.RequestSpec;
import java.util.List;

/** Which statuses count as success, per endpoint, as a table: no boxing or set lookup per response. Immutable. */
final class ExpectedStatuses {
  private final boolean[][] expected; // [endpoint][status]

  ExpectedStatuses(List<RequestSpec> specs) {
    expected = new boolean[specs.size()][600];
    for (int e = 0; e < specs.size(); e++) {
      for (int s = 100; s < 600; s++) {
        expected[e][s] = specs.get(e).isExpected(s);
      }
    }
  }

  int endpoints() {
    return expected.length;
  }

  boolean isExpected(int endpoint, int status) {
    return status >= 100 && status < 600 && expected[endpoint][status];
  }
}
