package io.brokerbench.harness.rig;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the intended send times of a paced phase are spread: evenly, or as the arrivals of many
 * independent clients would be.
 */
public enum Arrivals {
  /**
   * Evenly spaced, one message every {@code 1 / rate}: the schedule of Aeron's {@code LoadTestRig}
   * and of most broker benchmarks. Reproducible and easy to reason about; it never sends two
   * messages at once, so it shows the least queueing a system can have at that rate.
   */
  FIXED_RATE,
  /**
   * A Poisson process at the same mean rate: exponentially distributed gaps, drawn from a seeded
   * generator so that a run can be repeated exactly. Bursts happen as they do when many independent
   * clients send, so queues form even below a system's capacity and the tail percentiles are higher
   * than with {@link #FIXED_RATE}.
   */
  POISSON;

  /** The name on the command line and in results: {@code fixed} or {@code poisson}. */
  public String key() {
    return this == FIXED_RATE ? "fixed" : "poisson";
  }

  /**
   * The arrivals named {@code key} ({@code fixed} or {@code poisson}, any case).
   *
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static Arrivals fromKey(String key) {
    for (Arrivals arrivals : values()) {
      if (arrivals.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
        return arrivals;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + key
            + "' is not a kind of arrivals; use one of "
            + Arrays.stream(values()).map(Arrivals::key).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return key();
  }
}
