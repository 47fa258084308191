package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The durability section: the ledger's table, the caveat, and the fsync counts when measured. */
class DurabilityTableTest {
  private static final DurabilitySettings QUICK = DurabilitySettings.forProfile(Profile.QUICK);

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
                "kafka-kraft", "1 broker", "ack", Status.SKIPPED, "strace is not installed"));

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

  /**
   * ZeroMQ's shape: 10 sends, 2 of them refused (3 and 4), 6 received: the row counts 2 lost of the
   * 8 accepted, and the refused ones in neither failed nor lost.
   */
  @Test
  void refusedSendsAreTheirOwnCountNeverFailedNorLost() {
    SendTracker sends = new SendTracker(0);
    sends.failed(0, 3, new IllegalStateException("timed out"));
    sends.failed(0, 4, new IllegalStateException("timed out"));
    SequenceTracker received = new SequenceTracker(0, 1, 1);
    for (long sequence : new long[] {0, 1, 2, 5, 6, 7}) {
      received.record(0, 0, sequence);
    }
    Ledger ledger = Ledger.settle(10, false, List.of(sends), List.of(received));
    DurabilityRow.Scenario scenario =
        new DurabilityRow.Scenario("zeromq", "PUSH/PULL", "none", "SIGKILL consumer, restart", 2);

    DurabilityRow row = DurabilityRow.of(scenario, ledger, 4, 2, "", 1_000L, "");

    assertEquals(10, row.sent());
    assertEquals(2, row.refused());
    assertEquals(0, row.failed(), "a refused send is not a failed one");
    assertEquals(2, row.unackedLost(), "8 accepted, 6 received: " + row);
    assertEquals(4, row.atRisk());
    String md = DurabilityTable.markdown(QUICK, List.of(row));
    assertTrue(
        md.contains(
            "| zeromq | PUSH/PULL | none | SIGKILL consumer, restart | 10 | 0 | 4 | **0** | 2 | 2 |"
                + " 0 | 0 | 0 | 1,000 ms | – | live consumer |"),
        md);
    assertTrue(md.contains("once 6,000 messages are acknowledged"), md);
    assertTrue(md.contains("pauses 2,000 messages before it"), md);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DurabilityRow.of(scenario, ledger, 4, 3, "", 1_000L, ""));
    assertTrue(e.getMessage().contains("refused (3)"), e.getMessage());
  }
}
