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
 * @param highestSustainedPerSec the highest rate proven sustained: equal to {@code
 *     provenLowerPerSec}, the one rate the claims may use
 * @param provenLowerPerSec the highest rate whose full measurement (a row of the sweep, or the
 *     searched rate measured like one) was sustained; a probe alone proves nothing; 0 when none
 * @param bracketHighPerSec the lowest rate found saturated, by a full measurement or a probe; 0
 *     when none was
 * @param converged the bracket is within the search's resolution: {@code bracketHighPerSec <= }
 *     {@value RateSearch#RESOLUTION}{@code x provenLowerPerSec}; otherwise the highest sustained
 *     rate lies somewhere in the bracket, and the row says so
 * @param note what happened, one sentence; empty when the search ran normally
 */
public record SearchRow(
    String system,
    String mode,
    String tier,
    double capacityPerSec,
    List<Probe> probes,
    int highestSustainedPerSec,
    int provenLowerPerSec,
    int bracketHighPerSec,
    boolean converged,
    String note) {

  /** Names of the JSON fields the claims read, so that a rename reaches them. */
  public static final String TIER = "tier";

  public static final String HIGHEST_SUSTAINED_PER_SEC = "highestSustainedPerSec";
  public static final String PROVEN_LOWER_PER_SEC = "provenLowerPerSec";
  public static final String BRACKET_HIGH_PER_SEC = "bracketHighPerSec";

  public SearchRow {
    probes = List.copyOf(probes);
    if (highestSustainedPerSec != provenLowerPerSec) {
      throw new IllegalArgumentException(
          "highestSustainedPerSec ("
              + highestSustainedPerSec
              + ") must be the proven lower bound ("
              + provenLowerPerSec
              + ")");
    }
    if (converged != RateSearch.converged(provenLowerPerSec, bracketHighPerSec)) {
      throw new IllegalArgumentException(
          "converged ("
              + converged
              + ") does not match the bracket "
              + provenLowerPerSec
              + "-"
              + bracketHighPerSec);
    }
  }

  /**
   * A search row from its bracket: the highest sustained rate is the proven lower bound, and
   * whether the bracket converged follows from its two ends.
   */
  static SearchRow of(
      String system,
      String mode,
      String tier,
      double capacityPerSec,
      List<Probe> probes,
      int provenLowerPerSec,
      int bracketHighPerSec,
      String note) {
    return new SearchRow(
        system,
        mode,
        tier,
        capacityPerSec,
        probes,
        provenLowerPerSec,
        provenLowerPerSec,
        bracketHighPerSec,
        RateSearch.converged(provenLowerPerSec, bracketHighPerSec),
        note);
  }

  /**
   * One paced probe of the search.
   *
   * @param reason why it was saturated; empty when sustained
   */
  public record Probe(int targetPerSec, double achievedPerSec, boolean saturated, String reason) {}
}
