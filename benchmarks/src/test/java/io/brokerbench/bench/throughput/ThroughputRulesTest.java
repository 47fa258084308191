package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.throughput.ThroughputSuite.Measured;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's rules that keep a row from the verdicts: drift, and a window that binds. */
class ThroughputRulesTest {
  private static Measured round(double... iterations) {
    double mean = 0;
    for (double value : iterations) {
      mean += value / iterations.length;
    }
    List<Double> list = java.util.Arrays.stream(iterations).boxed().toList();
    return new Measured(mean, mean, list, 0, 0, 0, true, null);
  }

  @Test
  void aRowIsUnsettledOnlyWhenEveryRoundDriftsTheSameWayBeyondTheBound() {
    // Climbing by about 40% in each round: a trial still warming up.
    assertTrue(
        ThroughputSuite.unsettled(
            List.of(round(20_000, 30_000), round(25_000, 36_000), round(30_000, 44_000)), 0.25));
    // Falling in each round: a broker filling up.
    assertTrue(
        ThroughputSuite.unsettled(
            List.of(round(30_000, 20_000), round(36_000, 25_000), round(44_000, 30_000)), 0.25));
    // The same spreads, up in one round and down in another: the machine's noise, which the
    // interval of the rounds already carries.
    assertFalse(
        ThroughputSuite.unsettled(
            List.of(round(20_000, 30_000), round(36_000, 25_000), round(30_000, 44_000)), 0.25));
    // Drifting the same way, but within the bound.
    assertFalse(
        ThroughputSuite.unsettled(
            List.of(round(20_000, 22_000), round(25_000, 27_000), round(30_000, 33_000)), 0.25));
    // One round: its own drift decides.
    assertTrue(ThroughputSuite.unsettled(List.of(round(20_000, 30_000)), 0.25));
    assertFalse(ThroughputSuite.unsettled(List.of(round(20_000)), 0.25));
  }

  private static ThroughputRow row(String tier, double windowWaitShare) {
    return new ThroughputRow(
        "rabbitmq",
        "1 node",
        tier,
        "1-topic-1-partition-1kb",
        1024,
        "ok",
        "",
        9_000,
        8.8,
        500,
        8_000,
        10_000,
        9_000,
        3,
        List.of(8_500.0, 9_000.0, 9_500.0),
        List.of(List.of(8_000.0, 9_000.0)),
        false,
        false,
        65_536,
        20_000,
        100_000,
        windowWaitShare,
        null,
        "",
        0,
        List.of(),
        0,
        0,
        0,
        "rabbitmq-" + tier);
  }

  @Test
  void aBindingCheckBindsOnlyTheRowsWhoseProducersWaitedAtTheWindow() {
    ThroughputRow.WindowCheck binds =
        new ThroughputRow.WindowCheck(81_920, 16_000, 1.74, 1.24, 2.29, 1.10);
    // Kafka's producers waited at a 20 MiB window 55-94% of the measured time.
    assertTrue(row("none", 0.8).checkedBy(binds, true).harnessBound());
    assertTrue(row("ack", 0.55).checkedBy(binds, false).harnessBound());
    // RabbitMQ's never did (its confirm window and credit flow paced them): whatever the check
    // found, the window did not bind them.
    assertFalse(row("none", 0.0).checkedBy(binds, true).harnessBound());
    assertFalse(row("ack", 0.001).checkedBy(binds, false).harnessBound());
  }

  @Test
  void aCheckThatDoesNotBindSetsNothingAside() {
    ThroughputRow.WindowCheck noise =
        new ThroughputRow.WindowCheck(81_920, 16_000, 1.33, 0.84, 4.90, 1.10);
    assertFalse(row("none", 0.9).checkedBy(noise, true).harnessBound());
  }

  @Test
  void aCheckBindsOnlyWhenTheLargerWindowWasFasterOnAverageAndInEveryRound() {
    assertTrue(new ThroughputRow.WindowCheck(81_920, 16_000, 1.74, 1.24, 2.29, 1.10).binds());
    // Faster on average, slower in one round: noise, not a limit.
    assertFalse(new ThroughputRow.WindowCheck(81_920, 16_000, 1.33, 0.84, 4.90, 1.10).binds());
    assertFalse(new ThroughputRow.WindowCheck(81_920, 16_000, 1.06, 1.01, 1.12, 1.10).binds());
  }
}
