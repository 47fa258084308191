package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.row;
import static io.brokerbench.bench.claims.RunFolder.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.footprint.FootprintRow;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.latency.SearchRow;
import io.brokerbench.bench.metadata.MetadataRow;
import io.brokerbench.bench.startup.StartupRow;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K4, K6, R3, Z5 against synthetic footprint and start-up rows: every verdict of each. */
class FootprintClaimsTest {
  @TempDir Path dir;

  private static Map<String, Object> footprint(
      String system, String mode, int processes, long startMs, long rssBytes) {
    return row(
        "system",
        system,
        "mode",
        mode,
        "processes",
        processes,
        "startToReadyMs",
        startMs,
        "idleRssBytes",
        rssBytes);
  }

  private static Map<String, Object> start(String system, String status, int processes, long ms) {
    return row(
        "system",
        system,
        "mode",
        system.equals("zeromq") ? "brokerless, peer JVM" : "m",
        "status",
        status,
        "processes",
        processes,
        "startToReadyMs",
        ms,
        "acknowledged",
        100,
        "readBack",
        100);
  }

  @SafeVarargs
  private RunRows footprints(Map<String, Object>... rows) {
    return new RunFolder(dir).write("footprint.json", rows).rows();
  }

  @Test
  void k6AndR3CompareKafkaWithRabbitMq() {
    RunRows kafkaHeavier =
        footprints(
            footprint("kafka-kraft", "kraft", 2, 8000, 900_000_000),
            footprint("rabbitmq", "1 node", 1, 4000, 150_000_000));
    assertEquals(Verdict.SUPPORTED, FootprintClaims.k6(kafkaHeavier).verdict());
    assertEquals(Verdict.REFUTED, FootprintClaims.r3(kafkaHeavier).verdict());

    RunRows mixed =
        footprints(
            footprint("kafka-kraft", "kraft", 1, 2000, 900_000_000),
            footprint("rabbitmq", "1 node", 2, 4000, 150_000_000));
    assertEquals(Verdict.NUANCED, FootprintClaims.k6(mixed).verdict());
    assertEquals(Verdict.NUANCED, FootprintClaims.r3(mixed).verdict());

    RunRows rabbitHeavier =
        footprints(
            footprint("kafka", "kraft", 1, 2000, 100_000_000),
            footprint("rabbitmq", "1 node", 2, 8000, 300_000_000));
    assertEquals(Verdict.REFUTED, FootprintClaims.k6(rabbitHeavier).verdict());
    assertEquals(Verdict.SUPPORTED, FootprintClaims.r3(rabbitHeavier).verdict());
  }

  @Test
  void withoutFootprintTheStartUpMediansDecide() {
    RunRows rows =
        new RunFolder(dir)
            .write(
                "startup.json",
                start("kafka-kraft", "ok", 1, 2000),
                start("kafka-kraft", "ok", 1, 2600),
                start("kafka-kraft", "ok", 1, 9000),
                start("rabbitmq", "ok", 2, 8000))
            .rows();
    ClaimResult result = FootprintClaims.k6(rows);
    assertEquals(Verdict.REFUTED, result.verdict());
    assertEquals("startup.json", result.evidence().file());
    assertEquals(2600L, result.figures().get("kafka-kraft startToReadyMs"));
  }

  @Test
  void k6R3AndZ5AreNotMeasuredWithoutFigures() {
    RunRows empty = RunRows.of(dir);
    assertEquals(Verdict.NOT_MEASURED, FootprintClaims.k6(empty).verdict());
    assertEquals(Verdict.NOT_MEASURED, FootprintClaims.r3(empty).verdict());
    assertEquals(Verdict.NOT_MEASURED, FootprintClaims.z5(empty).verdict());
    RunRows onlyKafka = footprints(footprint("kafka-kraft", "kraft", 1, 2000, 1));
    assertEquals(Verdict.NOT_MEASURED, FootprintClaims.k6(onlyKafka).verdict());
  }

  @Test
  void z5IsSupportedWithoutABrokerProcessWhenLighterThanEachBroker() {
    Map<String, Object> zeromq = footprint("zeromq", "brokerless", 1, 100, 50_000_000);
    zeromq.put("brokerProcesses", 0);
    RunRows lighter =
        footprints(
            zeromq,
            footprint("kafka-kraft", "kraft", 1, 2000, 900_000_000),
            footprint("rabbitmq", "1 node", 2, 4000, 150_000_000));
    ClaimResult supported = FootprintClaims.z5(lighter);
    assertEquals(Verdict.SUPPORTED, supported.verdict());
    assertEquals("zeromq brokerless: broker processes", supported.comparisons().get(0).name());

    // No broker process, but not lighter than Kafka: mixed.
    Map<String, Object> heavy = footprint("zeromq", "brokerless", 1, 3000, 950_000_000);
    heavy.put("brokerProcesses", 0);
    RunRows notLighter = footprints(heavy, footprint("kafka-kraft", "kraft", 1, 2000, 900_000_000));
    assertEquals(Verdict.NUANCED, FootprintClaims.z5(notLighter).verdict());

    // A "brokerless" setup that ran a broker-like process and was no lighter: refuted.
    heavy.put("brokerProcesses", 1);
    RunRows withBroker = footprints(heavy, footprint("kafka-kraft", "kraft", 1, 2000, 900_000_000));
    assertEquals(Verdict.REFUTED, FootprintClaims.z5(withBroker).verdict());

    // ZeroMQ only through a proxy: the brokerless claim was not run.
    RunRows proxy =
        footprints(
            footprint("zeromq", "proxy", 2, 100, 50_000_000),
            footprint("kafka-kraft", "kraft", 1, 2000, 900_000_000));
    assertEquals(Verdict.NOT_MEASURED, FootprintClaims.z5(proxy).verdict());
  }

  @Test
  void k4IsRefutedWhenKraftServesAndSupportedWhenOnlyZooKeeperModeDoes() {
    RunFolder folder = new RunFolder(dir);
    ClaimResult refuted =
        FootprintClaims.k4(
            folder
                .write(
                    "startup.json",
                    start("kafka-kraft", "ok", 1, 2000),
                    start("kafka-zookeeper", "ok", 2, 2000))
                .rows());
    assertEquals(Verdict.REFUTED, refuted.verdict());
    // one process fewer: the ZooKeeper
    assertEquals(0.5, refuted.comparisons().get(1).value());
    ClaimResult supported =
        FootprintClaims.k4(
            folder
                .write(
                    "startup.json",
                    start("kafka-kraft", "failed", 0, -1),
                    start("kafka-zookeeper", "ok", 2, 2000))
                .rows());
    assertEquals(Verdict.SUPPORTED, supported.verdict());
    // A Kafka that does not offer KRaft, while ZooKeeper mode ran: on the claim's side too.
    assertEquals(
        Verdict.SUPPORTED,
        FootprintClaims.k4(
                folder
                    .write(
                        "startup.json",
                        start("kafka-kraft", "not offered", 0, -1),
                        start("kafka-zookeeper", "ok", 2, 2000))
                    .rows())
            .verdict());
    // KRaft serves, but at under 0.67x ZooKeeper mode's throughput.
    folder.write(
        "startup.json",
        start("kafka-kraft", "ok", 1, 2000),
        start("kafka-zookeeper", "ok", 2, 2000));
    folder.write(
        "throughput.json", tp("kafka-kraft", "ack", 20_000), tp("kafka-zookeeper", "ack", 60_000));
    assertEquals(Verdict.NUANCED, FootprintClaims.k4(RunRows.of(dir)).verdict());
  }

  @Test
  void k4IsNuancedWhenKraftServesSomeRowsAndFailsOthersOrRunsAsManyProcesses() {
    RunFolder folder = new RunFolder(dir);
    assertEquals(
        Verdict.NUANCED,
        FootprintClaims.k4(
                folder
                    .write(
                        "startup.json",
                        start("kafka-kraft", "ok", 1, 2000),
                        start("kafka-kraft", "failed", 0, -1),
                        start("kafka-zookeeper", "ok", 2, 2000))
                    .rows())
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        FootprintClaims.k4(
                folder
                    .write(
                        "startup.json",
                        start("kafka-kraft", "ok", 2, 2000),
                        start("kafka-zookeeper", "ok", 2, 2000))
                    .rows())
            .verdict());
    // A point the machine refused is no KRaft failure: the KRaft point that ran decides alone.
    Map<String, Object> kraft = row("mode", "kraft", "partitions", 1000, "status", "ok");
    Map<String, Object> refused =
        row("mode", "kraft", "partitions", 100_000, "status", "refused: open files");
    assertEquals(
        Verdict.REFUTED,
        FootprintClaims.k4(
                folder.write("startup.json").write("metadata-scaling.json", kraft, refused).rows())
            .verdict());
  }

  @Test
  void k4IsNotMeasuredWithoutKraftRowsAndALostRoundTripIsAFailure() {
    RunFolder folder = new RunFolder(dir);
    assertEquals(
        Verdict.NOT_MEASURED,
        FootprintClaims.k4(folder.write("startup.json", start("rabbitmq", "ok", 2, 8000)).rows())
            .verdict());
    Map<String, Object> lost = start("kafka-kraft", "ok", 1, 2000);
    lost.put("readBack", 90);
    assertEquals(
        Verdict.SUPPORTED,
        FootprintClaims.k4(
                folder.write("startup.json", lost, start("kafka-zookeeper", "ok", 2, 2000)).rows())
            .verdict());
  }

  /**
   * K4 and Z5 read {@code mode} in several files by one name, and K6, R3 and Z5 read start-up rows'
   * processes and start-to-ready by footprint's names: every row type spells them alike.
   */
  @Test
  void theFieldsReadAcrossFilesAreSpelledAlikeInEveryRowType() {
    for (Class<?> type :
        List.of(
            StartupRow.class,
            ThroughputRow.class,
            LatencyRow.class,
            SearchRow.class,
            DurabilityRow.class,
            FootprintRow.class,
            MetadataRow.class)) {
      List<String> components =
          Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
      assertTrue(components.contains(FootprintRow.MODE), type.getSimpleName() + ": " + components);
    }
    assertEquals(FootprintRow.MODE, StartupRow.MODE);
    assertEquals(FootprintRow.MODE, MetadataRow.MODE);
    assertEquals(FootprintRow.MODE, DurabilityRow.MODE);
    assertEquals(FootprintRow.MODE, ThroughputRow.MODE);
    assertEquals(FootprintRow.PROCESSES, StartupRow.PROCESSES);
    assertEquals(FootprintRow.START_TO_READY_MS, StartupRow.START_TO_READY_MS);
  }
}
