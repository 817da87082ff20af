package dev.hotpath.load.result;

/**
 * How requests arrive.
 *
 * <ul>
 *   <li>{@link #OPEN}: requests arrive on a schedule ({@code --rate}, {@code --stages}) whatever the
 *       server does; latency counts from each request's intended start, so a slow server shows up as
 *       queueing, as it would for real users (no coordinated omission).
 *   <li>{@link #CLOSED}: a fixed number of connections each send the next request when the previous
 *       one answers ({@code --connections}, {@code --think-time}); measures capacity, not user latency.
 * </ul>
 */
public enum LoadModel {
  OPEN,
  CLOSED
}
