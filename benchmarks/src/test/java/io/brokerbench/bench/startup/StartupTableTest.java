package io.brokerbench.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTableTest {
  @Test
  void spreadIsTheMedianWithMinimumAndMaximum() {
    assertEquals("2,000 (1,500–9,000)", StartupTable.spread(List.of(9_000L, 1_500L, 2_000L)));
    assertEquals("42", StartupTable.spread(List.of(42L)));
  }

  @Test
  void theReportShowsMeasuredRowsAndWhySomeWereSkipped() {
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
    String md = StartupTable.markdown(rows);
    assertTrue(md.contains("| kafka-kraft | kraft | 3 | 1 | 2,500 (2,100–3,100) |"), md);
    assertTrue(md.contains("| rabbitmq |  | 1 | | | | | skipped |"), md);
    assertTrue(
        md.contains("- rabbitmq, start 1, skipped: RabbitMQ is not installed: install it"), md);
  }
}
