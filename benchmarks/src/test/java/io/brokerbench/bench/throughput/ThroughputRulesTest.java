package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.bench.throughput.VendorTools.Tool;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The suite's rules that keep a row from the verdicts: drift, and a window that binds. */
class ThroughputRulesTest {
  private static Measured round(double... iterations) {
    double mean = 0;
    for (double value : iterations) {
      mean += value / iterations.length;
    }
    List<Double> list = java.util.Arrays.stream(iterations).boxed().toList();
    return new Measured(mean, mean, list, 0, 0, 0, true, null, Status.OK);
  }

  @Test
  void aRowIsUnsettledOnlyWhenEveryRoundDriftsTheSameWayBeyondTheBound() {
    // Climbing by about 40% in each round: a trial still warming up.
    assertTrue(
        RowFolder.unsettled(
            List.of(round(20_000, 30_000), round(25_000, 36_000), round(30_000, 44_000)), 0.25));
    // Falling in each round: a broker filling up.
    assertTrue(
        RowFolder.unsettled(
            List.of(round(30_000, 20_000), round(36_000, 25_000), round(44_000, 30_000)), 0.25));
    // The same spreads, up in one round and down in another: the machine's noise, which the
    // interval of the rounds already carries.
    assertFalse(
        RowFolder.unsettled(
            List.of(round(20_000, 30_000), round(36_000, 25_000), round(30_000, 44_000)), 0.25));
    // Drifting the same way, but within the bound.
    assertFalse(
        RowFolder.unsettled(
            List.of(round(20_000, 22_000), round(25_000, 27_000), round(30_000, 33_000)), 0.25));
    // One round: its own drift decides.
    assertTrue(RowFolder.unsettled(List.of(round(20_000, 30_000)), 0.25));
    assertFalse(RowFolder.unsettled(List.of(round(20_000)), 0.25));
  }

  private static ThroughputRow row(String tier, double windowWaitShare) {
    return new ThroughputRow(
        "rabbitmq",
        "1 node",
        tier,
        "1-topic-1-partition-1kb",
        1024,
        Status.OK,
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

  @Test
  void theWindowCheckPairsEachRoundSoThatDriftBetweenRoundsDoesNotBind() {
    // Kafka speeding up over the run (42k, 48k, 58k msg/s), each check run right beside its trial
    // and delivering about as much: the pairs agree, whatever the rounds' means did.
    List<Measured> base = List.of(round(42_000), round(48_000), round(57_600));
    List<Measured> beside = List.of(round(43_000), round(47_000), round(59_000));
    ThroughputRow.WindowCheck check = RowFolder.windowCheck(base, beside, 262_144);
    assertEquals((43.0 / 42 + 47.0 / 48 + 59 / 57.6) / 3, check.ratio(), 1e-9);
    assertEquals(47.0 / 48, check.low(), 1e-9);
    assertEquals(59 / 57.6, check.high(), 1e-9);
    assertFalse(check.binds());
    // The same rounds' means, but each check 30% above the trial beside it: the window binds.
    List<Measured> faster = List.of(round(54_600), round(62_400), round(74_900));
    ThroughputRow.WindowCheck binds = RowFolder.windowCheck(base, faster, 262_144);
    assertTrue(binds.binds());
    assertTrue(binds.low() > 1.29 && binds.high() < 1.31);
  }

  @Test
  void aWindowCheckWithAFailedOrMissingPairIsNoCheck() {
    List<Measured> base = List.of(round(40_000), round(41_000));
    assertNull(RowFolder.windowCheck(base, List.of(round(40_000)), 262_144));
    assertNull(
        RowFolder.windowCheck(
            base, List.of(round(40_000), Measured.failed(Status.FAILED, "broker died")), 262_144));
  }

  private static Target kafka() {
    return new Target(
        SystemUnderTest.KAFKA_KRAFT,
        "kraft, 1 broker",
        Map.of(),
        EnumSet.allOf(GuaranteeTier.class),
        "",
        "",
        null);
  }

  @Test
  void aForkWarmsUpOnAnUnpairedTrialThenRunsEachCheckBesideItsTrialInTurnAndToolsLast() {
    Target kafka = kafka();
    Cell none = new Cell(kafka, "none", "w", 65_536, false, null);
    Cell ack = new Cell(kafka, "ack", "w", 65_536, false, null);
    Cell durable = new Cell(kafka, "durable", "w", 65_536, false, null);
    Cell check = new Cell(kafka, "none", "w", 262_144, true, null);
    Cell producer = new Cell(kafka, "ack", "p", 65_536, false, Tool.PRODUCER_PERFORMANCE);
    List<Cell> cells = List.of(none, ack, durable, check, producer);
    assertEquals(List.of(ack, none, check, durable, producer), ThroughputPlan.forkOrder(cells, 1));
    assertEquals(List.of(ack, check, none, durable, producer), ThroughputPlan.forkOrder(cells, 2));
    assertEquals(List.of(ack, none, check, durable, producer), ThroughputPlan.forkOrder(cells, 3));
    // ZeroMQ: one tier, its trial compared with the jeromq loop and checked; nothing else to run.
    Target zeromq =
        new Target(
            SystemUnderTest.ZEROMQ, "mesh", Map.of(), EnumSet.of(GuaranteeTier.NONE), "", "", null);
    Cell zmq = new Cell(zeromq, "none", "w", 65_536, false, Tool.JEROMQ_LOOP);
    Cell zmqCheck = new Cell(zeromq, "none", "w", 262_144, true, null);
    assertEquals(List.of(zmq, zmqCheck), ThroughputPlan.forkOrder(List.of(zmq, zmqCheck), 1));
    assertEquals(List.of(zmqCheck, zmq), ThroughputPlan.forkOrder(List.of(zmq, zmqCheck), 2));
  }

  @Test
  void aSystemWhoseBrokerNeverStartedIsOneRowThatSaysWhetherItWasSkippedOrFailed() {
    List<ThroughputRow> rows = new ArrayList<>();
    RowFolder folder =
        new RowFolder(
            ThroughputSettings.forProfile(Profile.QUICK),
            EnumSet.copyOf(GuaranteeTier.SINGLE_NODE),
            rows);
    Target skipped = kafka();
    skipped.neverStarted(Status.SKIPPED, "skipped: Kafka is not installed");
    Target failed =
        new Target(
            SystemUnderTest.RABBITMQ,
            "1 node",
            Map.of(),
            EnumSet.copyOf(GuaranteeTier.SINGLE_NODE),
            "",
            "",
            null);
    failed.neverStarted(Status.FAILED, "failed to start: port 5672 in use");
    folder.addRows(skipped, List.of(), Map.of(), Map.of(), Map.of());
    folder.addRows(failed, List.of(), Map.of(), Map.of(), Map.of());
    assertEquals(
        List.of(Status.SKIPPED, Status.FAILED), rows.stream().map(ThroughputRow::status).toList());
    assertEquals("skipped: Kafka is not installed", rows.get(0).reason());
    assertEquals("failed to start: port 5672 in use", rows.get(1).reason());
    assertEquals("all", rows.get(0).tier());
  }

  @Test
  void aRoundThatWasSkippedOrFailedGivesItsRowThatStatusAndReason() {
    RowFolder folder =
        new RowFolder(
            ThroughputSettings.forProfile(Profile.QUICK),
            EnumSet.copyOf(GuaranteeTier.SINGLE_NODE),
            new ArrayList<>());
    Cell cell = new Cell(kafka(), "ack", "1-topic-1-partition-1kb", 65_536, false, null);
    ThroughputRow skipped =
        folder.fold(
            cell, List.of(round(20_000), Measured.failed(Status.SKIPPED, "skipped: no Kafka")));
    assertEquals(Status.SKIPPED, skipped.status());
    assertEquals("skipped: no Kafka", skipped.reason());
    ThroughputRow failed =
        folder.fold(cell, List.of(Measured.failed(Status.FAILED, "not run: the broker died")));
    assertEquals(Status.FAILED, failed.status());
    assertEquals(Status.OK, folder.fold(cell, List.of(round(20_000))).status());
  }

  @Test
  void tierReplicatedRunsOnlyWhereTheProfileStartsItsClusters() {
    Set<BenchSystem> systems =
        EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ, BenchSystem.ZEROMQ);
    Set<GuaranteeTier> replicated = EnumSet.of(GuaranteeTier.REPLICATED);
    // Full: the in-memory ceiling's fork in the first round, then in each round Kafka's and
    // RabbitMQ's 3-node clusters (the baseline and its window check each); ZeroMQ offers no
    // replicated tier to run.
    ThroughputSettings full = ThroughputSettings.forProfile(Profile.FULL);
    assertTrue(full.replicated());
    assertEquals(1 + full.rounds() * 2, ThroughputSuite.steps(full, systems, replicated));
    // Quick starts no cluster: only the ceiling runs.
    ThroughputSettings quick = ThroughputSettings.forProfile(Profile.QUICK);
    assertFalse(quick.replicated());
    assertEquals(1, ThroughputSuite.steps(quick, systems, replicated));
  }

  @Test
  void segmentsTravelToTheForkAndBack() {
    var segment =
        new ThroughputBenchmark.Segment("none", "1-topic-1-partition-1kb", 262_144, "t-r1");
    var other = new ThroughputBenchmark.Segment("ack", "1-topic-1-partition-1kb", 65_536, "u-r1");
    assertEquals(
        List.of(segment, other),
        ThroughputBenchmark.Segment.decode(segment.encode() + ";" + other.encode()));
    assertEquals(List.of(), ThroughputBenchmark.Segment.decode(""));
  }

  @Test
  void aWarmUpWithAFloorDoesNotStopOnACompilersPlateau() throws Exception {
    // 76 messages a millisecond for the first 100 ms (a cold client), then 200: two slices agree
    // on the plateau long before the rate is reached.
    long began = System.nanoTime();
    java.util.function.LongSupplier completed =
        () -> {
          double ms = (System.nanoTime() - began) / 1e6;
          return (long) (ms < 100 ? 76 * ms : 76 * 100 + 200 * (ms - 100));
        };
    SteadyState.Sender sleeper = plan -> Thread.sleep(1);
    var plan = io.brokerbench.harness.rig.SendPlan.count(1024, 1);
    SteadyState.Outcome plateau =
        SteadyState.warmUp(
            completed,
            plan,
            sleeper,
            java.time.Duration.ofMillis(20),
            0.1,
            java.time.Duration.ofSeconds(5),
            slice -> {});
    assertTrue(plateau.settled());
    double last = plateau.slicesPerSec().get(plateau.slicesPerSec().size() - 1);
    assertTrue(last < 100_000, "stopped on the plateau: " + plateau);

    long again = System.nanoTime();
    java.util.function.LongSupplier later =
        () -> {
          double ms = (System.nanoTime() - again) / 1e6;
          return (long) (ms < 100 ? 76 * ms : 76 * 100 + 200 * (ms - 100));
        };
    SteadyState.Outcome floored =
        SteadyState.warmUp(
            later,
            plan,
            sleeper,
            java.time.Duration.ofMillis(20),
            0.1,
            java.time.Duration.ofMillis(200),
            java.time.Duration.ofSeconds(5),
            slice -> {});
    assertTrue(floored.settled());
    double reached = floored.slicesPerSec().get(floored.slicesPerSec().size() - 1);
    assertTrue(reached > 180_000, "ran past the plateau: " + floored);
  }
}
