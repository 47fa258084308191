package io.brokerbench.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's arithmetic on trackers filled by hand, one kind of fate per message. */
class LedgerTest {
  private static final int PRODUCER = 0;

  @Test
  void everyFateIsCountedExactly() {
    // 10 messages: 0-5 acknowledged, 6 failed, 7-9 indeterminate.
    SendTracker before = new SendTracker(PRODUCER);
    for (long seq = 0; seq <= 5; seq++) {
      before.acknowledged(PRODUCER, seq);
    }
    before.failed(PRODUCER, 6, new RuntimeException("connection closed"));
    // Received before the crash: 0, 1, 2, 3 (3 before 2: one inversion).
    SequenceTracker first = new SequenceTracker(PRODUCER, 1, 1);
    for (long seq : new long[] {0, 1, 3, 2}) {
      first.record(PRODUCER, 0, seq);
    }
    // After the restart: 3 again (a redelivery), 6 (failed, yet stored) and 8 (indeterminate).
    SequenceTracker second = new SequenceTracker(PRODUCER, 1, 1);
    for (long seq : new long[] {3, 6, 8}) {
      second.record(PRODUCER, 0, seq);
    }

    Ledger ledger = Ledger.settle(10, true, List.of(before), List.of(first, second));

    assertEquals(10, ledger.sent());
    assertEquals(6, ledger.acked());
    assertEquals(1, ledger.failed());
    assertEquals(3, ledger.indeterminate());
    assertEquals(6, ledger.received(), "0, 1, 2, 3, 6, 8");
    assertEquals(2, ledger.ackedLost(), "4 and 5");
    assertEquals(List.of(4L, 5L), ledger.ackedLostSample());
    assertEquals(2, ledger.unackedLost(), "7 and 9");
    assertEquals(2, ledger.recovered(), "6 and 8");
    assertEquals(1, ledger.duplicates(), "3, delivered before and after");
    assertEquals(1, ledger.reordered(), "2 after 3");
  }

  @Test
  void atTierNoneNothingIsIndeterminateAndEveryLossIsUnacknowledged() {
    SequenceTracker consumer = new SequenceTracker(PRODUCER, 1, 1);
    for (long seq = 0; seq < 100; seq += 2) {
      consumer.record(PRODUCER, 0, seq);
    }
    Ledger ledger =
        Ledger.settle(100, false, List.of(new SendTracker(PRODUCER)), List.of(consumer));
    assertEquals(0, ledger.acked());
    assertEquals(0, ledger.indeterminate());
    assertEquals(50, ledger.unackedLost());
    assertEquals(0, ledger.ackedLost());
    assertEquals(0, ledger.recovered());
  }

  @Test
  void acknowledgementsFromTwoProducerObjectsWithOneIdAreMerged() {
    SendTracker before = new SendTracker(PRODUCER);
    SendTracker after = new SendTracker(PRODUCER);
    before.acknowledged(PRODUCER, 0);
    before.failed(PRODUCER, 1, new RuntimeException("gone"));
    after.acknowledged(PRODUCER, 2);
    SequenceTracker consumer = new SequenceTracker(PRODUCER, 1, 1);
    consumer.record(PRODUCER, 0, 2);
    Ledger ledger = Ledger.settle(3, true, List.of(before, after), List.of(consumer));
    assertEquals(2, ledger.acked());
    assertEquals(1, ledger.ackedLost());
    assertEquals(List.of(0L), ledger.ackedLostSample());
    assertEquals(1, ledger.unackedLost());
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Ledger.settle(-1, true, List.of(), List.of()));
  }
}
