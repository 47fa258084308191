package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep-level rules: the tail rule, and how the search closes its bracket. */
class SustainedRulesTest {
  @Test
  void theTailRulePassesWithin10xOfTheLowestRatesP99AndFailsBeyond() {
    TailRule.Basis basis = new TailRule.Basis(1_000, 4_000);
    assertEquals("", TailRule.judge(40_000, 0, basis, null), "10x is the bound, inclusive");
    assertEquals(
        "tail: p99 40.1 ms, over 10x the p99 at 1,000 msg/s (4.00 ms) and over 2.00 ms",
        TailRule.judge(40_100, 0, basis, null));
    assertEquals(
        "", TailRule.judge(1e9, 0, null, null), "no basis (the lowest rate saturated): no rule");
  }

  @Test
  void belowTheSchedulersFloorTheTailRuleDoesNotApply() {
    // A 40 µs p99 at the lowest rate: 10x would be 400 µs, inside a scheduler's slice.
    TailRule.Basis basis = new TailRule.Basis(1_000, 40);
    assertEquals("", TailRule.judge(1_900, 0, basis, null));
    assertTrue(TailRule.judge(2_100, 0, basis, null).startsWith("tail: p99 2.10 ms"));
  }

  @Test
  void aTailWithinTheMachinesHoldBesideThePointPassesAndRanksNothing() {
    // The in-memory driver at 5,000 msg/s on 2026-12-04: p99 89.5 ms beside a 1.39 ms basis,
    // with the producer held 100 ms.
    TailRule.Basis basis = new TailRule.Basis(1_000, 1_390);
    assertEquals("", TailRule.judge(89_500, 3, basis, 96.2), "within the 96 ms hold");
    assertEquals("", TailRule.judge(96_203, 3, basis, 96.2), "the hold plus the median");
    assertTrue(
        TailRule.judge(96_210, 3, basis, 96.2).startsWith("tail: p99 96.2 ms"),
        "longer than the hold and the median: the system's");
    assertTrue(TailRule.judge(89_500, 3, basis, null).startsWith("tail:"), "no watch, no pass");
    assertTrue(
        TailRule.judge(4_500, 3, new TailRule.Basis(1_000, 40), 4.9).startsWith("tail:"),
        "a hold under 5 ms is a park's overshoot, not the machine");
    assertTrue(
        TailRule.judge(89_500, 20_000, basis, 96.2).startsWith("tail:"),
        "a median that grew too is a queue's");
    assertTrue(LatencyRow.tailHeldByMachine(3.0, 89_500.0, 96.2));
    assertFalse(LatencyRow.tailHeldByMachine(3.0, 25.0, 96.2), "no long tail, nothing to explain");
    assertFalse(
        LatencyRow.tailHeldByMachine(3.0, 89_500.0, null), "a row written before the watch");
  }

  @Test
  void theSearchStepsUpByTheResolutionUntilSaturatedThenBisects() {
    assertEquals(44_000, RateSearch.nextProbe(40_000, 0), "up by 1.1x, rounded down");
    assertTrue(RateSearch.converged(40_000, 44_000), "the first saturated step closes it");
    assertEquals(28_000, RateSearch.nextProbe(20_000, 40_000), "the geometric midpoint");
    assertEquals(500, RateSearch.nextProbe(0, 1_000), "half, with nothing sustained");
    assertEquals(10, RateSearch.nextProbe(9, 0), "at least one more");
    assertFalse(RateSearch.converged(40_000, 0), "no saturated rate: no bracket");
    assertFalse(RateSearch.converged(40_000, 45_000));
    assertFalse(RateSearch.converged(0, 1_000));
  }

  @Test
  void aSaturatedFullMeasurementBacksOffOneResolutionStepOrBelowWhatItDelivered() {
    assertEquals(
        41_000, RateSearch.backOff(45_000, 44_000, List.of()), "45,000 / 1.1 = 40,909, rounded up");
    assertTrue(RateSearch.converged(41_000, 45_000), "so the bracket stays within 1.1x");
    assertEquals(24_000, RateSearch.backOff(45_000, 30_000, List.of()), "80% of what it delivered");
    List<SearchRow.Probe> probes =
        List.of(
            new SearchRow.Probe(40_000, 40_000, false, ""),
            new SearchRow.Probe(48_000, 41_000, true, "slow delivery"),
            new SearchRow.Probe(43_000, 43_000, false, ""),
            new SearchRow.Probe(45_000, 44_900, false, ""));
    assertEquals(
        43_000, RateSearch.backOff(45_000, 30_000, probes), "the highest probe sustained below");
  }

  @Test
  void ratesRoundToTwoSignificantDigitsEitherWay() {
    assertEquals(41_000, RateSearch.roundUp(40_909));
    assertEquals(40_000, RateSearch.roundUp(40_000));
    assertEquals(100, RateSearch.roundUp(99.5));
    assertEquals(40_000, RateSearch.roundDown(40_909));
  }

  @Test
  void aSearchRowKeepsItsHighestSustainedRateAtTheProvenLowerBound() {
    SearchRow row = SearchRow.of("s", "m", "ack", 50_000, List.of(), 40_000, 44_000, "");
    assertEquals(40_000, row.highestSustainedPerSec());
    assertTrue(row.converged());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SearchRow("s", "m", "ack", 50_000, List.of(), 44_000, 40_000, 0, false, ""));
    assertTrue(e.getMessage().contains("proven lower bound"), e.getMessage());
  }
}
