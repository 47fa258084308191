package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierSweepTest {
  /** Short phases: the sweep's logic, not its precision, is under test. */
  private static final LatencySettings SHORT =
      new LatencySettings(
          List.of(1_000, 2_000, 5_000, 8_000),
          Duration.ZERO,
          Duration.ofMillis(300),
          Duration.ofMillis(200),
          2,
          // A second: the send-delay bound (a tenth of it) outlasts a scheduler's hiccup.
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          4,
          Duration.ofSeconds(5),
          1_000,
          100,
          Set.of(BenchSystem.KAFKA_KRAFT),
          Arrivals.FIXED_RATE,
          false);

  @Test
  void aSystemAtItsCapacityIsSaturatedAboveItAndTheSearchFindsTheHighestRateBelow(@TempDir Path run)
      throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            new PrintStream(console, true, StandardCharsets.UTF_8), TierSweep.steps(SHORT));
    // A broker that delivers 3,000 msg/s at most.
    TierSweep sweep =
        new TierSweep(
            "throttled",
            "fake, 3,000 msg/s",
            GuaranteeTier.NONE,
            () -> StallingDriver.throttled(3_000),
            SHORT,
            run.resolve("latency"),
            progress,
            true);
    TierSweep.Outcome outcome = sweep.run();
    List<LatencyRow> rows = outcome.rows();
    String all = rows.toString() + "\n" + console.toString(StandardCharsets.UTF_8);

    // Five rows; six when the searched rate, measured in full, was saturated and backed off.
    assertTrue(rows.size() == 5 || rows.size() == 6, all);
    assertEquals(
        List.of(Status.OK, Status.OK, Status.SATURATED, Status.SKIPPED),
        rows.subList(0, 4).stream().map(LatencyRow::status).toList(),
        all);

    LatencyRow sustained = rows.get(1);
    assertEquals(2_000, sustained.achievedPerSec(), 100, all);
    assertNotNull(sustained.p99Us());
    assertNull(sustained.publishP99Us(), "tier none has no publish latency");
    assertEquals(2, sustained.repeats());
    assertEquals("latency/throttled-none-2000.hlog", sustained.hlog());
    assertTrue(Files.size(run.resolve(sustained.hlog())) > 0);

    LatencyRow saturated = rows.get(2);
    assertTrue(saturated.saturated());
    assertNull(saturated.p50Us(), "a saturated rate reports no latency");
    assertNull(saturated.p99Us());
    assertTrue(saturated.achievedPerSec() < 3_300, "delivered at its capacity: " + all);
    assertNotNull(saturated.sendDelayP99Us());
    assertFalse(saturated.reason().isEmpty());
    assertEquals("not run: 5,000 msg/s was already saturated", rows.get(3).reason());

    SearchRow search = outcome.search();
    // At most the fake's 3,000 msg/s; less on a machine busy with other work.
    assertTrue(
        search.capacityPerSec() > 2_000 && search.capacityPerSec() < 3_300, "capacity: " + search);
    // The search's rate, measured in full, is proven; on a busy machine it may fail in full and
    // the suite falls back to a lower one, down to the sweep's 2,000 msg/s.
    List<LatencyRow> searched = rows.stream().filter(LatencyRow::searched).toList();
    assertEquals(1, searched.size(), "one row is the highest: " + all);
    LatencyRow highest = searched.get(0);
    assertTrue(highest.ok(), all);
    assertTrue(
        highest.targetPerSec() >= 2_000 && highest.targetPerSec() <= 3_100,
        "between the sweep's highest sustained rate and the capacity (at 3,000 msg/s exactly the"
            + " fake delivers evenly, and 5% is the slack of a measured rate): "
            + all);
    assertEquals(highest.targetPerSec(), search.highestSustainedPerSec());
    assertEquals(
        highest.targetPerSec(), search.provenLowerPerSec(), "proven by a full measurement");
    assertTrue(
        search.bracketHighPerSec() > search.provenLowerPerSec()
            && search.bracketHighPerSec() <= 5_000,
        "a saturated rate above it, at most the sweep's: " + search);
    assertEquals(
        RateSearch.converged(search.provenLowerPerSec(), search.bracketHighPerSec()),
        search.converged());
    if (!search.converged()) {
      assertTrue(all.contains("not converged: between"), "a wide bracket is stated: " + all);
    }
    assertEquals(
        LatencyRow.agree(sustained.p99MinUs(), sustained.p99MaxUs()), sustained.repeatsAgree());
    assertTrue(
        sustained.p50MinUs() <= sustained.p50Us() && sustained.p50Us() <= sustained.p50MaxUs());

    // The spectrum rate (1,000 msg/s here) was sustained: its histogram is kept for the plot.
    assertNotNull(outcome.spectrumNs());
    long steps =
        console.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[")).count();
    assertEquals(TierSweep.steps(SHORT), steps, "progress steps as announced");
  }

  @Test
  void roundingKeepsTwoSignificantDigits() {
    assertEquals(36_000, RateSearch.roundDown(36_812.4));
    assertEquals(1_200_000, RateSearch.roundDown(1_234_567));
    assertEquals(99, RateSearch.roundDown(99.9));
    assertEquals(7, RateSearch.roundDown(7.7));
    assertEquals(0, RateSearch.roundDown(0.5));
  }
}
