package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTableTest {
  @Test
  void throughputTablesGoByTierAndShowParityAndWhatIsNotOffered() {
    List<ThroughputRow> rows =
        List.of(
            new ThroughputRow(
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
            new ThroughputRow(
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
    String md = ThroughputTable.markdown(rows);
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
