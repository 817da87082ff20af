package dev.hotpath.demo.payments;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one fault timeline both modes run through, as offsets from the start of the measured load:
 * the gateway slows down, then fails a share of its charges (some after charging), then stops
 * answering; a third of the way through one instance is killed, and it is restarted later.
 *
 * <p>Immutable and thread-safe. The gateway simulator and the driver read the same instance, so the
 * fault windows on the report are the ones that really happened.
 */
public final class FaultTimeline {
  /** What goes wrong in a window. */
  public enum Fault {
    /** The gateway answers, slowly (hundreds of milliseconds). */
    GATEWAY_SLOW,
    /** The gateway answers 500 to a share of the charges; half of those were charged all the same. */
    GATEWAY_ERRORS,
    /** The gateway accepts connections and never answers until the window ends (then 503, not charged). */
    GATEWAY_DOWN,
    /** One of the three instances is killed (SIGKILL) at the start and restarted at the end. */
    INSTANCE_DOWN
  }

  /** One fault from {@code start} to {@code end}, offsets from the start of the load. */
  public record Window(Fault fault, Duration start, Duration end) {
    /** Whether {@code offset} lies in this window. */
    public boolean contains(Duration offset) {
      return offset.compareTo(start) >= 0 && offset.compareTo(end) < 0;
    }
  }

  /** Normal gateway latency. */
  public static final Duration NORMAL_LATENCY = Duration.ofMillis(10);
  /** Gateway latency in the slow phase. */
  public static final Duration SLOW_LATENCY = Duration.ofMillis(350);
  /** Share of charges answered 500 in the error phase. */
  public static final double ERROR_SHARE = 0.3;

  private final Duration load;
  private final List<Window> windows;

  private FaultTimeline(Duration load, List<Window> windows) {
    this.load = load;
    this.windows = List.copyOf(windows);
  }

  /**
   * The standard timeline over {@code load}: slow 6–14 %, 5xx 14–20 %, down 20–30 %, an instance
   * killed at 34 % (a third through, after the gateway recovered so the two faults read apart) and
   * restarted at 60 %.
   */
  public static FaultTimeline standard(Duration load) {
    if (load.compareTo(Duration.ofSeconds(10)) < 0) { // shorter windows would be under a second
      throw new IllegalArgumentException("the payments timeline needs at least 10 s of load, was " + load);
    }
    return new FaultTimeline(load, List.of(
        new Window(Fault.GATEWAY_SLOW, at(load, 0.06), at(load, 0.14)),
        new Window(Fault.GATEWAY_ERRORS, at(load, 0.14), at(load, 0.20)),
        new Window(Fault.GATEWAY_DOWN, at(load, 0.20), at(load, 0.30)),
        new Window(Fault.INSTANCE_DOWN, at(load, 0.34), at(load, 0.60))));
  }

  private static Duration at(Duration load, double share) {
    return Duration.ofMillis(Math.round(load.toMillis() * share));
  }

  /** How long the measured load runs. */
  public Duration load() {
    return load;
  }

  /** Every window, in time order. */
  public List<Window> windows() {
    return windows;
  }

  /** The window of {@code fault}. */
  public Window window(Fault fault) {
    return windows.stream().filter(w -> w.fault() == fault).findFirst().orElseThrow();
  }

  /** The gateway fault in force at {@code offset}, if any. */
  public Optional<Window> gatewayFaultAt(Duration offset) {
    return windows.stream().filter(w -> w.fault() != Fault.INSTANCE_DOWN && w.contains(offset)).findFirst();
  }
}
