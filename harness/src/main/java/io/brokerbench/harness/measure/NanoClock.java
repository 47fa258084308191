package io.brokerbench.harness.measure;

/**
 * The one clock of a measurement: nanoseconds from an arbitrary origin, as {@link
 * System#nanoTime()} gives them. An interface only so that tests of the rig and the accounting can
 * move time by hand; production code uses {@link #SYSTEM}.
 */
@FunctionalInterface
public interface NanoClock {
  /** {@code System.nanoTime()}: CLOCK_MONOTONIC on Linux, comparable across processes on a host. */
  NanoClock SYSTEM = System::nanoTime;

  long nanoTime();
}
