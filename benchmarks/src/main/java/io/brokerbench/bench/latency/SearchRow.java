package io.brokerbench.bench.latency;

import java.util.List;

/**
 * How the highest sustained rate of one system and tier was found ({@link RateSearch}): kept in
 * {@code latency.json} beside the rows, so that the rate the report calls the highest can be
 * checked.
 *
 * @param capacityPerSec delivered rate of the unpaced probe (closed-loop, window-bounded): an upper
 *     bound; 0 when the search did not run
 * @param probes the paced probes, in order
 * @param highestSustainedPerSec the highest rate sustained by a probe or by the sweep; 0 when none
 * @param note what happened, one sentence; empty when the search ran normally
 */
public record SearchRow(
    String system,
    String mode,
    String tier,
    double capacityPerSec,
    List<Probe> probes,
    int highestSustainedPerSec,
    String note) {

  public SearchRow {
    probes = List.copyOf(probes);
  }

  /**
   * One paced probe of the search.
   *
   * @param reason why it was saturated; empty when sustained
   */
  public record Probe(int targetPerSec, double achievedPerSec, boolean saturated, String reason) {}
}
