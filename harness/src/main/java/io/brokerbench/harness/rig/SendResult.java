package io.brokerbench.harness.rig;

/**
 * What one sending phase did.
 *
 * @param sent messages handed to the drivers, all producers together
 * @param elapsedNs from the start of the phase until the last producer stopped
 * @param stalledProducers producers that gave up at a full in-flight window (see {@link
 *     RigSettings#stallTimeout()}); 0 when the phase ran to its end
 * @param scheduled paced: messages whose intended send time fell within the phase, all producers,
 *     whether or not they were sent (more than {@code sent} when the in-flight window held the
 *     producers back until the phase ended); unpaced: as {@code sent}
 */
public record SendResult(long sent, long elapsedNs, int stalledProducers, long scheduled) {

  /** Messages per second handed to the drivers (not necessarily delivered). */
  public double sentPerSec() {
    return elapsedNs == 0 ? 0 : sent * 1e9 / elapsedNs;
  }

  public boolean stalled() {
    return stalledProducers > 0;
  }
}
