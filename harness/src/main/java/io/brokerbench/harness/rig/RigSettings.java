package io.brokerbench.harness.rig;

import io.brokerbench.harness.measure.NanoClock;
import java.time.Duration;

/**
 * How the rig drives a trial, apart from the workload.
 *
 * @param inFlightWindowMessages per producer: it waits while more than this many of its messages
 *     are sent but not yet received by every subscription (or, without subscriptions, not yet
 *     acknowledged), so the throughput measured is what consumers received, not what producers
 *     queued
 * @param stallTimeout a producer that waits this long at a full window without any progress gives
 *     up and the send ends as stalled (a system that drops messages, such as ZeroMQ at its
 *     high-water mark, never frees its window)
 * @param clock {@link NanoClock#SYSTEM}; a test's clock in tests
 */
public record RigSettings(int inFlightWindowMessages, Duration stallTimeout, NanoClock clock) {

  /**
   * Covers the bandwidth-delay product of the slowest system at full speed: Kafka batches for a few
   * milliseconds and fetches in rounds, which at ~50,000 msg/s keeps a few thousand messages in
   * flight; a smaller window would cap Kafka by the window, not by Kafka.
   */
  public static final int DEFAULT_IN_FLIGHT_WINDOW_MESSAGES = 10_000;

  /** Longer than a Kafka consumer-group rebalance (a few seconds), short enough to move on. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);

  public RigSettings {
    if (inFlightWindowMessages < 1) {
      throw new IllegalArgumentException(
          "inFlightWindowMessages must be 1 or more, was " + inFlightWindowMessages);
    }
    if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock is missing; use NanoClock.SYSTEM");
    }
  }

  public static RigSettings defaults() {
    return new RigSettings(
        DEFAULT_IN_FLIGHT_WINDOW_MESSAGES, DEFAULT_STALL_TIMEOUT, NanoClock.SYSTEM);
  }

  public RigSettings withInFlightWindow(int messages) {
    return new RigSettings(messages, stallTimeout, clock);
  }

  public RigSettings withStallTimeout(Duration timeout) {
    return new RigSettings(inFlightWindowMessages, timeout, clock);
  }

  public RigSettings withClock(NanoClock newClock) {
    return new RigSettings(inFlightWindowMessages, stallTimeout, newClock);
  }
}
