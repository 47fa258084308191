package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The durability section: the ledger's table, the caveat, and the fsync counts when measured. */
class DurabilityTableTest {
  private static final DurabilitySuite.Settings QUICK =
      DurabilitySuite.Settings.forProfile("quick");

  @Test
  void theFsyncTableGivesEachCallAndTheRatePerThousandMessages() {
    Map<String, Long> calls = new LinkedHashMap<>();
    calls.put("fsync", 0L);
    calls.put("fdatasync", 1_234L);
    calls.put("sync_file_range", 0L);
    calls.put("msync", 2L);
    List<SyncRow> rows =
        List.of(
            SyncRow.of(
                "rabbitmq",
                "1 node",
                "durable",
                new SyncCalls.Count(6_000, calls),
                "during 3 s without a fault"),
            SyncRow.notMeasured(
                "kafka-kraft",
                "1 broker",
                "ack",
                DurabilityRow.SKIPPED,
                "strace is not installed"));

    String md = DurabilityTable.markdown(QUICK, List.of(), rows);

    assertTrue(md.contains(DurabilityTable.CAVEAT), md);
    assertTrue(md.contains("### The price of durability: fsync calls"), md);
    assertTrue(
        md.contains(
            "| rabbitmq | 1 node | durable | 6,000 | 0 | 1,234 | 0 | 2 | 206.0 | during 3 s without"
                + " a fault |"),
        md);
    assertTrue(
        md.contains(
            "| kafka-kraft | 1 broker | ack | skipped | | | | | | strace is not installed |"),
        md);
  }

  @Test
  void withoutCountsThereIsNoFsyncSection() {
    String md = DurabilityTable.markdown(QUICK, List.of());

    assertFalse(md.contains("fsync calls"), md);
  }
}
