package dev.hotpath.demo.internal;

import dev.hotpath.demo.payments.PaymentsCase;
import java.util.List;

/** Every case study {@code hotpath demo} knows, in the order a bare {@code hotpath demo} runs them. */
public final class CaseStudies {
  private CaseStudies() {}

  public static List<CaseStudy> all() {
    return List.of(new SteppedCase(new ShopService()), new PaymentsCase());
  }
}
