package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.lat;
import static io.brokerbench.bench.claims.RunFolder.row;
import static io.brokerbench.bench.claims.RunFolder.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K1, R1, Z1 against synthetic throughput and latency rows: every verdict of each. */
class ThroughputClaimsTest {
  @TempDir Path dir;

  private RunFolder run() {
    return new RunFolder(dir);
  }

  private static String reason(ClaimResult result) {
    return Messages.english().get(result.reason());
  }

  // ---- K1 ----

  @Test
  void k1IsSupportedWhenKafkaIsAtLeastOneAndAHalfTimesRabbitMqAtEveryTier() {
    RunRows rows =
        run()
            .write(
                "throughput.json",
                tp("kafka-kraft", "ack", 90_000),
                tp("rabbitmq", "ack", 30_000),
                tp("kafka-kraft", "durable", 80_000),
                tp("rabbitmq", "durable", 50_000))
            .rows();
    ClaimResult result = ThroughputClaims.k1(rows);
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals(2, result.comparisons().size());
    assertEquals(3.0, result.comparisons().get(0).value());
    assertEquals(1.6, result.comparisons().get(1).value());
    assertEquals(90_000L, result.figures().get("ack 1-topic-1-partition-1kb: kafka-kraft msg/s"));
    assertEquals("throughput.json", result.evidence().file());
  }

  @Test
  void k1IsRefutedWhenRabbitMqDeliversAsMuch() {
    RunRows rows =
        run()
            .write(
                "throughput.json", tp("kafka-kraft", "ack", 30_000), tp("rabbitmq", "ack", 30_000))
            .rows();
    assertEquals(Verdict.REFUTED, ThroughputClaims.k1(rows).verdict());
  }

  @Test
  void k1IsNuancedBetweenTheThresholdsOrWhenTiersDisagree() {
    RunRows between =
        run()
            .write(
                "throughput.json", tp("kafka-kraft", "ack", 36_000), tp("rabbitmq", "ack", 30_000))
            .rows();
    assertEquals(Verdict.NUANCED, ThroughputClaims.k1(between).verdict());
  }

  @Test
  void k1IsNuancedWhenTheHarnessCeilingIsTooCloseToKafka() {
    RunRows rows =
        run()
            .write(
                "throughput.json",
                tp("kafka-kraft", "ack", 90_000),
                tp("rabbitmq", "ack", 30_000),
                tp("in-memory", "ack", 120_000))
            .rows();
    ClaimResult result = ThroughputClaims.k1(rows);
    assertEquals(Verdict.NUANCED, result.verdict());
    assertTrue(
        result.comparisons().stream().anyMatch(c -> c.name().contains("harness ceiling")),
        result.comparisons().toString());
  }

  @Test
  void k1IsNotMeasuredWithoutTheFileOrWithoutRabbitMqOrWithoutTheFigure() {
    ClaimResult missing = ThroughputClaims.k1(run().rows());
    assertEquals(Verdict.NOT_MEASURED, missing.verdict());
    assertEquals("throughput.json is missing: the throughput suite did not run", reason(missing));

    RunRows onlyKafka = run().write("throughput.json", tp("kafka-kraft", "ack", 90_000)).rows();
    ClaimResult noRabbit = ThroughputClaims.k1(onlyKafka);
    assertEquals(Verdict.NOT_MEASURED, noRabbit.verdict());
    assertTrue(reason(noRabbit).contains("RabbitMQ"), reason(noRabbit));

    Map<String, Object> noFigure = row("system", "kafka-kraft", "tier", "ack", "status", "ok");
    RunRows rows = run().write("throughput.json", noFigure, tp("rabbitmq", "ack", 1)).rows();
    assertEquals(Verdict.NOT_MEASURED, ThroughputClaims.k1(rows).verdict());
  }

  @Test
  void failedAndNotOfferedRowsAreNotMeasurements() {
    Map<String, Object> failed = tp("rabbitmq", "ack", 10);
    failed.put("status", "failed");
    RunRows rows = run().write("throughput.json", tp("kafka-kraft", "ack", 90_000), failed).rows();
    assertEquals(Verdict.NOT_MEASURED, ThroughputClaims.k1(rows).verdict());
  }

  @Test
  void anUnreadableFileIsNotMeasuredWithWhatWasWrong() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("throughput.json"), "{ not json");
    ClaimResult result = ThroughputClaims.k1(run().rows());
    assertEquals(Verdict.NOT_MEASURED, result.verdict());
    assertTrue(reason(result).startsWith("throughput.json could not be read"), reason(result));
  }

  // ---- R1 ----

  @Test
  void r1VerdictsFollowRabbitMqOverKafka() {
    assertEquals(
        Verdict.SUPPORTED,
        ThroughputClaims.r1(
                run()
                    .write(
                        "throughput.json",
                        tp("rabbitmq", "durable", 10_000),
                        tp("kafka-kraft", "durable", 80_000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        ThroughputClaims.r1(
                run()
                    .write(
                        "throughput.json",
                        tp("rabbitmq", "durable", 70_000),
                        tp("kafka-kraft", "durable", 80_000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        ThroughputClaims.r1(
                run()
                    .write(
                        "throughput.json",
                        tp("rabbitmq", "ack", 70_000),
                        tp("kafka-kraft", "ack", 80_000),
                        tp("rabbitmq", "durable", 10_000),
                        tp("kafka-kraft", "durable", 80_000))
                    .rows())
            .verdict());
  }

  @Test
  void r1ReadsLatencyAlone() {
    RunFolder folder =
        run()
            .write(
                "latency.json",
                lat("rabbitmq", "ack", 1000, 900),
                lat("rabbitmq", "ack", 5000, 4000),
                lat("kafka-kraft", "ack", 1000, 500),
                lat("kafka-kraft", "ack", 5000, 1000),
                lat("kafka-kraft", "ack", 20000, 1500),
                saturated("rabbitmq", "ack", 5500),
                saturated("kafka-kraft", "ack", 22000));
    ClaimResult result = ThroughputClaims.r1(folder.rows());
    // highest sustained: RabbitMQ within [5,000, 5,500), Kafka within [20,000, 22,000): the ratio
    // within [0.23, 0.28), 0.25 at the lower bounds: slow; p99 at 5000: 4000/1000 = 4: slow
    assertEquals(Verdict.SUPPORTED, result.verdict(), result.comparisons().toString());
    assertEquals(List.of(0.25, 4.0), result.comparisons().stream().map(Comparison::value).toList());
  }

  @Test
  void r1IsNotMeasuredWithoutEitherFile() {
    assertEquals(Verdict.NOT_MEASURED, ThroughputClaims.r1(run().rows()).verdict());
  }

  // ---- Z1 ----

  @Test
  void z1VerdictsFollowZeroMqOverTheBrokersAtTierNone() {
    assertEquals(
        Verdict.SUPPORTED,
        ThroughputClaims.z1(
                run()
                    .write(
                        "throughput.json",
                        tp("zeromq", "none", 400_000),
                        tp("kafka-kraft", "none", 80_000),
                        tp("rabbitmq", "none", 50_000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        ThroughputClaims.z1(
                run()
                    .write(
                        "throughput.json",
                        tp("zeromq", "none", 40_000),
                        tp("kafka-kraft", "none", 80_000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        ThroughputClaims.z1(
                run()
                    .write(
                        "throughput.json",
                        tp("zeromq", "none", 100_000),
                        tp("kafka-kraft", "none", 80_000),
                        tp("rabbitmq", "none", 20_000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.NOT_MEASURED,
        ThroughputClaims.z1(
                run().write("throughput.json", tp("kafka-kraft", "none", 80_000)).rows())
            .verdict());
  }

  @Test
  void z1UsesTheSearchesHighestSustainedRateAndTheP99() {
    Map<String, Object> latency =
        Map.of(
            "scenario",
            "latency",
            "rows",
            List.of(lat("zeromq", "none", 5000, 100), lat("kafka-kraft", "none", 5000, 800)),
            "searches",
            List.of(
                row(
                    "system",
                    "zeromq",
                    "tier",
                    "none",
                    "highestSustainedPerSec",
                    200_000,
                    "bracketHighPerSec",
                    220_000),
                row(
                    "system",
                    "kafka-kraft",
                    "tier",
                    "none",
                    "highestSustainedPerSec",
                    40_000,
                    "bracketHighPerSec",
                    44_000)));
    ClaimResult result = ThroughputClaims.z1(run().writeDocument("latency.json", latency).rows());
    assertEquals(Verdict.SUPPORTED, result.verdict(), result.comparisons().toString());
    assertEquals(List.of(5.0, 0.13), result.comparisons().stream().map(Comparison::value).toList());
  }

  @Test
  void aHighestSustainedRateWithoutASaturatedRateAboveItDecidesNothing() {
    // Kafka never saturated: its highest sustained rate is a lower bound only, so ZeroMQ's 5x of
    // it may be anything down to 0x of Kafka's real capacity.
    Map<String, Object> latency =
        Map.of(
            "scenario",
            "latency",
            "rows",
            List.of(),
            "searches",
            List.of(
                row("system", "zeromq", "tier", "none", "highestSustainedPerSec", 200_000),
                row("system", "kafka-kraft", "tier", "none", "highestSustainedPerSec", 40_000)));
    ClaimResult result = ThroughputClaims.z1(run().writeDocument("latency.json", latency).rows());
    assertEquals(Verdict.NUANCED, result.verdict(), result.comparisons().toString());
    assertEquals(Comparison.Side.BETWEEN, result.comparisons().get(0).side());
  }

  // ---- intervals: the spread decides ----

  @Test
  void k1CountsARatioOnlyWhenItsWholeIntervalClearsTheThreshold() {
    // Means 2.0x in both runs; narrow rounds put the whole interval above 1.5, wide ones do not.
    Map<String, Object> kafkaNarrow =
        rounds(tp("kafka-kraft", "ack", 80_000), 76_000, 80_000, 84_000);
    Map<String, Object> rabbitNarrow =
        rounds(tp("rabbitmq", "ack", 40_000), 39_000, 40_000, 41_000);
    ClaimResult narrow =
        ThroughputClaims.k1(run().write("throughput.json", kafkaNarrow, rabbitNarrow).rows());
    assertEquals(Verdict.SUPPORTED, narrow.verdict(), narrow.comparisons().toString());
    Comparison decided = narrow.comparisons().get(0);
    assertEquals(2.0, decided.value());
    assertTrue(decided.low() >= 1.5 && decided.high() <= 2.2, decided.toString());

    Map<String, Object> kafkaWide =
        rounds(tp("kafka-kraft", "ack", 80_000), 30_000, 80_000, 130_000);
    Map<String, Object> rabbitWide = rounds(tp("rabbitmq", "ack", 40_000), 39_000, 40_000, 41_000);
    ClaimResult wide =
        ThroughputClaims.k1(run().write("throughput.json", kafkaWide, rabbitWide).rows());
    assertEquals(Verdict.NUANCED, wide.verdict(), wide.comparisons().toString());
    assertEquals(Comparison.Side.BETWEEN, wide.comparisons().get(0).side());
  }

  @Test
  void roundsAreComparedPairwiseSoThatDriftCancels() {
    // The machine slowed by half between rounds, both systems alike: each round's ratio is 2.0.
    Map<String, Object> kafka = rounds(tp("kafka-kraft", "ack", 60_000), 80_000, 60_000, 40_000);
    Map<String, Object> rabbit = rounds(tp("rabbitmq", "ack", 30_000), 40_000, 30_000, 20_000);
    ClaimResult result = ThroughputClaims.k1(run().write("throughput.json", kafka, rabbit).rows());
    assertEquals(Verdict.SUPPORTED, result.verdict(), result.comparisons().toString());
    assertEquals(2.0, result.comparisons().get(0).low());
    assertEquals(2.0, result.comparisons().get(0).high());
  }

  @Test
  void withoutRoundsTheIterationsGiveTheConservativeInterval() {
    Map<String, Object> kafka = tp("kafka-kraft", "ack", 80_000);
    kafka.put("minPerSec", 40_000);
    kafka.put("maxPerSec", 120_000);
    ClaimResult result =
        ThroughputClaims.k1(
            run().write("throughput.json", kafka, tp("rabbitmq", "ack", 40_000)).rows());
    assertEquals(Verdict.NUANCED, result.verdict(), result.comparisons().toString());
    assertEquals(1.0, result.comparisons().get(0).low());
    assertEquals(3.0, result.comparisons().get(0).high());
  }

  @Test
  void harnessBoundAndUnsettledRowsDecideNothingAndAreNamed() {
    Map<String, Object> bound = tp("kafka-kraft", "ack", 80_000);
    bound.put("harnessBound", true);
    Map<String, Object> unsettled = tp("kafka-kraft", "none", 90_000);
    unsettled.put("unsettled", true);
    ClaimResult result =
        ThroughputClaims.k1(
            run()
                .write(
                    "throughput.json",
                    bound,
                    unsettled,
                    tp("kafka-kraft", "durable", 30_000),
                    tp("rabbitmq", "ack", 40_000),
                    tp("rabbitmq", "none", 40_000),
                    tp("rabbitmq", "durable", 10_000))
                .rows());
    assertEquals(Verdict.SUPPORTED, result.verdict(), result.comparisons().toString());
    assertEquals(1, result.comparisons().size(), result.comparisons().toString());
    String aside = String.valueOf(result.figures().get("rows set aside"));
    assertTrue(aside.contains("kafka-kraft ack 1-topic-1-partition-1kb: harness-bound"), aside);
    assertTrue(aside.contains("kafka-kraft none 1-topic-1-partition-1kb: unsettled"), aside);
  }

  @Test
  void aLatencyPointWhoseRepeatsDisagreeCountsAsBetween() {
    Map<String, Object> rabbit = lat("rabbitmq", "ack", 5000, 4000);
    rabbit.put("repeatsAgree", false);
    ClaimResult result =
        ThroughputClaims.r1(
            run().write("latency.json", rabbit, lat("kafka-kraft", "ack", 5000, 1000)).rows());
    Comparison p99 = result.comparisons().get(result.comparisons().size() - 1);
    assertTrue(p99.name().contains("p99"), p99.toString());
    assertEquals(Comparison.Side.BETWEEN, p99.side());
  }

  @Test
  void aLatencyPointWhoseTailTheMachinesHoldsMayHaveMadeCountsAsBetween() {
    // RabbitMQ's p99 of 90 ms, 45x its p50, beside a 96 ms hold of a ready thread: it may be the
    // machine's alone, so 90x Kafka's decides nothing. Without the hold it decides.
    for (Double hold : new Double[] {96.2, null}) {
      Map<String, Object> rabbit = lat("rabbitmq", "ack", 5000, 90_000);
      rabbit.put("p50Us", 2_000);
      rabbit.put("wakeLateMaxMs", hold);
      ClaimResult result =
          ThroughputClaims.r1(
              run().write("latency.json", rabbit, lat("kafka-kraft", "ack", 5000, 1000)).rows());
      Comparison p99 = result.comparisons().get(result.comparisons().size() - 1);
      assertTrue(p99.name().contains("p99"), p99.toString());
      assertEquals(
          hold == null ? Comparison.Side.FOR : Comparison.Side.BETWEEN, p99.side(), p99.toString());
    }
  }

  @Test
  void aP99IsComparedWithTheSpreadOfItsRepeats() {
    Map<String, Object> rabbit = lat("rabbitmq", "ack", 5000, 4000);
    rabbit.put("p99MinUs", 1200);
    rabbit.put("p99MaxUs", 9000);
    ClaimResult result =
        ThroughputClaims.r1(
            run().write("latency.json", rabbit, lat("kafka-kraft", "ack", 5000, 1000)).rows());
    Comparison p99 = result.comparisons().get(result.comparisons().size() - 1);
    assertEquals(4.0, p99.value());
    assertEquals(1.2, p99.low());
    assertEquals(Comparison.Side.BETWEEN, p99.side(), p99.toString());
  }

  @Test
  void twoPointsAtTheHarnessFloorAreNotRanked() {
    Map<String, Object> zeromq = lat("zeromq", "none", 5000, 100);
    zeromq.put("atHarnessFloor", true);
    Map<String, Object> kafka = lat("kafka-kraft", "none", 5000, 150);
    kafka.put("atHarnessFloor", true);
    ClaimResult result = ThroughputClaims.z1(run().write("latency.json", zeromq, kafka).rows());
    assertTrue(
        result.comparisons().stream().noneMatch(c -> c.name().contains("p99")),
        result.comparisons().toString());
    assertTrue(result.figures().toString().contains("harness floor"), result.figures().toString());
  }

  private static Map<String, Object> rounds(Map<String, Object> row, double... perRound) {
    List<Double> list = new java.util.ArrayList<>();
    for (double value : perRound) {
      list.add(value);
    }
    row.put("rounds", list);
    return row;
  }

  private static Map<String, Object> saturated(String system, String tier, int targetPerSec) {
    Map<String, Object> row = lat(system, tier, targetPerSec, 0);
    row.put("status", "saturated");
    row.remove("p99Us");
    return row;
  }

  @Test
  void z1JudgesBrokerlessZeroMqNotZeroMqThroughItsProxy() {
    ClaimResult result =
        ThroughputClaims.z1(
            run()
                .write(
                    "throughput.json",
                    tp("zeromq", "none", 400_000),
                    tp("zeromq-proxy", "none", 50_000),
                    tp("kafka-kraft", "none", 80_000))
                .rows());
    assertEquals(Verdict.SUPPORTED, result.verdict(), result.comparisons().toString());
    assertEquals(1, result.comparisons().size(), result.comparisons().toString());
  }
}
