package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brokerbench.brokers.DeliveryLog;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of consumers in child processes, read back: what a crashed consumer had recorded
 * counts, a message two processes recorded is a duplicate, and recovery is timed from the first
 * message sent after the fault.
 */
class RecordedDeliveriesTest {
  @TempDir Path dir;

  @Test
  void twoProcessesFilesSettleIntoOneLedger() throws Exception {
    Path first = dir.resolve("received-0.bin");
    Path second = dir.resolve("received-1.bin");
    // The first consumer received 0 to 5 and died; 6 was lost with it; the second one got 4 and 5
    // again (not acknowledged before the crash) and then 7 to 9.
    try (DeliveryLog log = new DeliveryLog(first, PayloadHeader.BYTES)) {
      for (long sequence = 0; sequence <= 5; sequence++) {
        log.append(message(sequence, 1_000 + sequence), 2_000 + sequence);
      }
      log.append(new byte[PayloadHeader.BYTES], 2_010); // not a harness message
    }
    try (DeliveryLog log = new DeliveryLog(second, PayloadHeader.BYTES)) {
      for (long sequence : new long[] {4, 5, 7, 8, 9}) {
        log.append(message(sequence, 1_000 + sequence), 5_000 + sequence);
      }
    }
    long faultNs = 1_006;

    RecordedDeliveries deliveries = RecordedDeliveries.read(List.of(first, second), 0, faultNs);
    SendTracker sends = new SendTracker(0);
    Ledger ledger = Ledger.settle(10, false, List.of(sends), deliveries.received());

    assertEquals(2, deliveries.received().size());
    assertEquals(1, deliveries.received().get(0).foreign());
    assertEquals(9, ledger.received(), ledger.summary());
    assertEquals(1, ledger.unackedLost(), ledger.summary());
    assertEquals(2, ledger.duplicates(), ledger.summary());
    // 7 (sent at 1,007, after the fault) arrived first among those sent after it, at 5,007.
    assertEquals(5_007, deliveries.firstAfterFaultNs());
    assertEquals(0L, deliveries.recoveryMs(faultNs)); // 4,001 ns: under a millisecond
  }

  @Test
  void noFaultNoRecoveryAndAMissingFileIsAnEmptyOne() throws Exception {
    RecordedDeliveries deliveries =
        RecordedDeliveries.read(List.of(dir.resolve("never-written.bin")), 0, -1);

    assertEquals(1, deliveries.received().size());
    assertEquals(0, deliveries.received().get(0).delivered(0));
    assertNull(deliveries.recoveryMs(-1));
    assertEquals(0, Files.list(dir).count());
  }

  private static byte[] message(long sequence, long intendedSendNs) {
    byte[] payload = new byte[1024];
    PayloadHeader.write(payload, 0, 0, sequence, intendedSendNs);
    return payload;
  }
}
