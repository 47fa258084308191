package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The test that fails if the rig ever times latency from the actual send instead of the intended
 * one: a client whose {@code send} blocks through a stall ({@link BlockingSendDriver}).
 *
 * <p>The analytic answer, at a fixed 1,000 msg/s for 3 s, with one send in 1,000 (the 500th, the
 * 1,500th, the 2,500th: three whole stalls inside the phase) blocking for S = 100 ms: each stall
 * holds up the blocked message (100 ms) and the 99 scheduled while it lasted, which leave together
 * when it ends, the j-th of them (j ms into the stall) after 100 - j ms. Timed from the intended
 * send time, per stall 50 messages (100, 99, ..., 51 ms) wait more than S/2, of 1,000: 5% of the
 * samples, and p99 is about 90 ms. Timed from the moment {@code send} was called, only the blocked
 * message itself waits (1 in 1,000, 0.1%): the 99 late ones are received microseconds after their
 * actual send, so the stall vanishes from every percentile up to p99.9. Both measurements come from
 * the same run: the rig's histogram and the driver's own book of actual send times.
 */
class CoordinatedOmissionTest {
  private static final Duration STALL = Duration.ofMillis(100);
  private static final long STALL_EVERY_MESSAGES = 1_000;
  private static final int RATE_PER_SEC = 1_000;
  private static final Duration REPEAT = Duration.ofSeconds(3);
  private static final long HALF_STALL_NS = STALL.toNanos() / 2;

  @Test
  void aSendBlockedThroughAStallShowsInTheTailButWouldNotIfTimedFromTheActualSend()
      throws Exception {
    BlockingSendDriver driver =
        new BlockingSendDriver(STALL_EVERY_MESSAGES, STALL, 2 * RATE_PER_SEC * 3);
    RatePoint.Measured measured;
    try (driver;
        LoadRig rig =
            LoadRig.start(
                driver,
                new Topology("blocking-send", 1, 1, 1, 1, 1),
                GuaranteeTier.NONE,
                RigSettings.defaults())) {
      RatePoint.Plan plan =
          new RatePoint.Plan(
              RATE_PER_SEC,
              100,
              Arrivals.FIXED_RATE,
              Duration.ZERO,
              1,
              REPEAT,
              Duration.ofSeconds(10));
      measured = RatePoint.measure(rig, plan, PointLog.NO_OP);
    }
    Histogram fromIntended = measured.endToEndNs();
    Histogram fromActual = driver.fromActualSendNs();
    String figures =
        String.format(
            "from the intended send: p99 %.1f ms, above %d ms %.2f%%; from the actual send:"
                + " p99 %.3f ms, above %d ms %.2f%%; send delay p99 %.1f ms",
            fromIntended.getValueAtPercentile(99) / 1e6,
            HALF_STALL_NS / 1_000_000,
            100 * above(fromIntended, HALF_STALL_NS),
            fromActual.getValueAtPercentile(99) / 1e6,
            HALF_STALL_NS / 1_000_000,
            100 * above(fromActual, HALF_STALL_NS),
            measured.sendDelayNs().getValueAtPercentile(99) / 1e6);
    System.out.println("a send blocking 100 ms every 1,000 messages at 1,000 msg/s: " + figures);

    assertFalse(
        measured.saturated(),
        "three stalls of 100 ms in 3 s are a tail, not saturation: " + measured.saturation());
    assertEquals(3_000, fromIntended.getTotalCount(), "every message recorded once");
    assertEquals(3_000, fromActual.getTotalCount(), "both books hold the same run");

    // The rig's measurement shows the stall, as the analytic answer says.
    // A loaded machine adds: the burst after each stall takes its time, and the scheduler's own
    // delays of tens of milliseconds count too. Fewer than 4% would mean a stall went unseen.
    double stalledFraction = above(fromIntended, HALF_STALL_NS);
    assertTrue(stalledFraction >= 0.04 && stalledFraction <= 0.1, "5% above S/2: " + figures);
    assertTrue(
        fromIntended.getValueAtPercentile(99) >= 75_000_000L,
        "p99 near the analytic 90 ms: " + figures);
    // The rig knows why: the producer was held up, and its send delay says so.
    assertTrue(
        measured.sendDelayNs().getValueAtPercentile(99) >= HALF_STALL_NS,
        "send delay p99 above S/2: " + figures);

    // Timed from the actual send, the same run hides it: the mistake this test exists to catch.
    assertTrue(above(fromActual, HALF_STALL_NS) <= 0.005, "at most 0.5% above S/2: " + figures);
    assertTrue(
        fromActual.getValueAtPercentile(99) < HALF_STALL_NS,
        "p99 from the actual send below S/2: " + figures);
  }

  /** The fraction of samples above {@code ns}. */
  private static double above(Histogram histogram, long ns) {
    return 1 - histogram.getPercentileAtOrBelowValue(ns) / 100;
  }
}
