package io.brokerbench.harness.rig;

import java.util.SplittableRandom;

/**
 * The intended send times of one producer in one paced phase, in nanoseconds after the phase's
 * start, in order; and how many of them fall within the phase, so that a phase can say how many
 * messages it was meant to send even when the producer could not send them all.
 *
 * <p>Fixed rate: producer {@code i} of {@code n} at {@code (i / n + k) * interval}, the offsets
 * spreading the producers. Poisson: exponential gaps at the producer's share of the rate, from a
 * generator seeded by the producer's id and its first sequence number of the phase (a repeatable
 * schedule); independent Poisson streams add up to one at the total rate.
 */
final class Schedule {
  /** Any constant: Poisson schedules are repeatable run to run. */
  private static final long POISSON_SEED = 0x6272_6F6B_6572L;

  private final double intervalNs;
  private final double offsetNs;
  private final long durationNs;
  private final SplittableRandom gaps;
  private long index;
  private double poissonNs;
  private long within;
  private boolean past;

  Schedule(SendPlan plan, int producerId, int producers, long firstSequence) {
    if (!plan.paced()) {
      throw new IllegalArgumentException("an unpaced plan has no schedule");
    }
    this.intervalNs = 1e9 * producers / plan.totalRatePerSec();
    this.offsetNs = intervalNs * producerId / producers;
    this.durationNs = plan.durationNs();
    this.gaps =
        plan.arrivals() == Arrivals.POISSON
            ? new SplittableRandom(POISSON_SEED ^ ((long) producerId << 40) ^ firstSequence)
            : null;
  }

  /** The next intended send time, nanoseconds after the phase's start. */
  long next() {
    double atNs;
    if (gaps == null) {
      // Multiplied, not summed, so that rounding does not drift over millions of messages.
      atNs = offsetNs + index * intervalNs;
    } else {
      poissonNs += -Math.log(1 - gaps.nextDouble()) * intervalNs;
      atNs = poissonNs;
    }
    index++;
    long at = (long) atNs;
    if (at < durationNs) {
      within++;
    } else {
      past = true;
    }
    return at;
  }

  /**
   * How many intended send times fall within the phase, at most {@code cap} (the plan's message
   * count): those drawn so far, and the rest of the schedule, drawn now.
   */
  long withinPhase(long cap) {
    if (durationNs == Long.MAX_VALUE) {
      return cap; // a plan by count: every message of it is scheduled
    }
    while (!past && within < cap) {
      next();
    }
    return Math.min(within, cap);
  }
}
