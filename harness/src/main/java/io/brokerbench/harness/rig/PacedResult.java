package io.brokerbench.harness.rig;

import org.HdrHistogram.Histogram;

/**
 * What one paced phase did ({@link PacedPhase#run}), and whether the system kept up with it.
 *
 * <p>A system <em>sustains</em> a rate when it delivers as fast as the schedule asks, for the whole
 * phase, and has nothing left over at its end. Otherwise the rate is <em>saturated</em>: messages
 * queue up somewhere (in the producer behind its schedule, in the client, in the broker), every
 * latency then depends on how long the phase ran, and none of its percentiles describes the system.
 * {@link #saturation} says which rule found it.
 *
 * @param targetPerSec the rate the plan asked for, all producers together
 * @param durationNs the plan's duration
 * @param scheduled messages whose intended send time fell within the phase ({@link
 *     SendResult#scheduled})
 * @param sent messages handed to the drivers; fewer than scheduled when the producers were held
 *     back by the in-flight window until the phase ended (the phase is then saturated)
 * @param deliveries first deliveries, counted once per subscription that received the message
 * @param acknowledged acknowledgements received (0 at tier {@code none})
 * @param sendElapsedNs from the start of the phase until the last producer stopped; more than
 *     {@code durationNs} when the producers fell behind their schedule
 * @param deliverySpanNs from the first to the last delivery of the phase, to about a millisecond
 * @param drained every message sent in the phase arrived (and, at tiers with acknowledgements, was
 *     acknowledged) within the drain timeout
 * @param stalled a producer gave up at a full in-flight window ({@link SendResult#stalled()})
 * @param achievedPerSec messages delivered per second: the deliveries of the phase (per
 *     subscription) over the time they took, from the first to the last
 * @param backlogGrowthPerSec how fast the backlog (messages due by the schedule but not yet
 *     delivered; with Poisson arrivals, sent but not yet delivered) grew while the phase sent, in
 *     messages per second: about 0 when the system keeps up, the scheduled rate less the system's
 *     capacity when it does not
 * @param sendDelayNs how late each send of the phase was behind its intended time, nanoseconds: the
 *     rig's send-delay interval, taken by the phase (the rig's recorder no longer holds it)
 * @param saturation why the rate was not sustained, one sentence; empty when it was
 */
public record PacedResult(
    int targetPerSec,
    long durationNs,
    long scheduled,
    long sent,
    long deliveries,
    long acknowledged,
    long sendElapsedNs,
    long deliverySpanNs,
    boolean drained,
    boolean stalled,
    double achievedPerSec,
    double backlogGrowthPerSec,
    Histogram sendDelayNs,
    String saturation) {

  public PacedResult {
    if (sendDelayNs == null) {
      throw new IllegalArgumentException("sendDelayNs is missing; give an empty histogram");
    }
    if (saturation == null) {
      throw new IllegalArgumentException("saturation is missing; use \"\" for a sustained rate");
    }
  }

  /** True when the system did not keep up: see {@link #saturation}. */
  public boolean saturated() {
    return !saturation.isEmpty();
  }
}
