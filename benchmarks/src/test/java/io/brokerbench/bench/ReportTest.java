package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.startup.StartupRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void spreadIsTheMedianWithMinimumAndMaximum() {
    assertEquals("2,000 (1,500–9,000)", Report.spread(List.of(9_000L, 1_500L, 2_000L)));
    assertEquals("42", Report.spread(List.of(42L)));
  }

  @Test
  void theHeaderGivesEachSuitesWallTime() {
    Map<String, Object> environment = Environment.capture(Path.of("."), "run-0", "quick");
    Map<String, Long> wallMs = new java.util.LinkedHashMap<>();
    wallMs.put("throughput", 301_400L);
    wallMs.put("metadata", 59_600L);
    environment.put("suiteWallMs", wallMs);

    String md = Report.markdown("run-0", "quick", environment, List.of(), List.of());

    assertTrue(md.contains("Wall time per suite: throughput 5:01, metadata 1:00."), md);
  }

  @Test
  void theReportShowsMeasuredRowsAndWhySomeWereSkipped() {
    Map<String, Object> environment = Environment.capture(Path.of("."), "run-1", "smoke");
    List<StartupRow> rows =
        List.of(
            new StartupRow(
                "kafka-kraft", "kraft", 1, Status.OK, "", 1, 2_500, 1000, 1000, 1000, 900, 400),
            new StartupRow(
                "kafka-kraft", "kraft", 2, Status.OK, "", 1, 2_100, 1000, 1000, 1000, 800, 300),
            new StartupRow(
                "kafka-kraft", "kraft", 3, Status.OK, "", 1, 3_100, 1000, 1000, 1000, 700, 500),
            new StartupRow(
                "rabbitmq",
                "",
                1,
                Status.SKIPPED,
                "RabbitMQ is not installed:\n install it",
                0,
                -1,
                0,
                0,
                0,
                -1,
                -1));
    String md = Report.markdown("run-1", "smoke", environment, rows, List.of());
    assertTrue(md.contains("| kafka-kraft | kraft | 3 | 1 | 2,500 (2,100–3,100) |"), md);
    assertTrue(md.contains("| rabbitmq |  | 1 | | | | | skipped |"), md);
    assertTrue(
        md.contains("- rabbitmq, start 1, skipped: RabbitMQ is not installed: install it"), md);
  }

  @Test
  void throughputTablesGoByTierAndShowParityAndWhatIsNotOffered() {
    Map<String, Object> environment = Environment.capture(Path.of("."), "run-2", "quick");
    List<io.brokerbench.bench.throughput.ThroughputRow> rows =
        List.of(
            new io.brokerbench.bench.throughput.ThroughputRow(
                "rabbitmq",
                "1 node",
                "ack",
                "1-topic-1-partition-1kb",
                1024,
                Status.OK,
                "",
                20_000,
                19.53,
                500,
                19_000,
                20_500,
                20_100,
                2,
                List.of(19_800.0, 20_000.0, 20_200.0),
                List.of(List.of(19_000.0, 20_500.0)),
                false,
                false,
                20_480,
                12_000,
                600,
                0.0,
                null,
                "RabbitMQ PerfTest 2.22.1 ack",
                21_000,
                List.of(21_000.0),
                20_000 / 21_000.0,
                0.94,
                0.96,
                "rabbitmq-ack-1-topic-1-partition-1kb"),
            new io.brokerbench.bench.throughput.ThroughputRow(
                "zeromq",
                "brokerless",
                "ack",
                "1-topic-1-partition-1kb",
                1024,
                Status.NOT_OFFERED,
                "zeromq has no ack guarantee",
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                false,
                false,
                0,
                0,
                0,
                0,
                null,
                "",
                0,
                List.of(),
                0,
                0,
                0,
                ""));
    String md = Report.markdown("run-2", "quick", environment, List.of(), rows);
    assertTrue(md.contains("### Tier `ack`"), md);
    assertTrue(
        md.contains(
            "| rabbitmq | 1 node | 1-topic-1-partition-1kb | 20,000 [19,800–20,200] | 19.5 |"
                + " 12,000 / 20,480, 600 µs, waited 0.0% |  | 2 | RabbitMQ PerfTest 2.22.1 ack | 21,000 |"
                + " 0.95 [0.94–0.96] |"),
        md);
    assertTrue(md.contains("| zeromq | brokerless | 1-topic-1-partition-1kb | not offered |"), md);
    assertTrue(!md.contains("### Tier `durable`"), "no table for a tier without rows");
    assertTrue(md.contains("for a consumer-only workload, how fast one consumer read"), md);
  }
}
