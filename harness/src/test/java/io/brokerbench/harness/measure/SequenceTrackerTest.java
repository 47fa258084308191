package io.brokerbench.harness.measure;

import static io.brokerbench.harness.measure.SequenceTracker.Outcome.DUPLICATE;
import static io.brokerbench.harness.measure.SequenceTracker.Outcome.FIRST;
import static io.brokerbench.harness.measure.SequenceTracker.Outcome.FOREIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  /** Producers 10 and 11 (the second topic of a 2-producer-per-topic trial), 2 partitions. */
  private final SequenceTracker tracker = new SequenceTracker(10, 2, 2);

  @Test
  void inOrderDeliveriesAreCountedOnce() {
    for (long s = 0; s < 100; s++) {
      assertEquals(FIRST, tracker.record(10, (int) (s % 2), s));
    }
    assertEquals(100, tracker.delivered(0));
    assertEquals(0, tracker.delivered(1));
    assertEquals(0, tracker.reorderings(0));
    assertEquals(0, tracker.duplicates(0));
  }

  @Test
  void aSecondDeliveryIsADuplicate() {
    tracker.record(10, 0, 5);
    assertEquals(DUPLICATE, tracker.record(10, 0, 5));
    assertEquals(DUPLICATE, tracker.record(10, 0, 5));
    assertEquals(2, tracker.duplicates(0));
    assertEquals(List.of(5L, 5L), tracker.duplicateSample(0));
    assertEquals(1, tracker.delivered(0));
  }

  @Test
  void orderIsJudgedPerProducerAndPartition() {
    tracker.record(10, 0, 0);
    tracker.record(10, 0, 4);
    tracker.record(10, 1, 1); // another partition: no order with partition 0
    tracker.record(11, 0, 0); // another producer
    assertEquals(0, tracker.reorderings(0));
    tracker.record(10, 0, 2); // behind 4 in partition 0
    assertEquals(1, tracker.reorderings(0));
    tracker.record(10, 0, 6); // a gap (5 never came) is not a reordering
    assertEquals(1, tracker.reorderings(0));
    assertEquals(0, tracker.reorderings(1));
  }

  @Test
  void deliveriesFromElsewhereAreForeign() {
    assertEquals(FOREIGN, tracker.record(9, 0, 0), "a producer of another topic");
    assertEquals(FOREIGN, tracker.record(12, 0, 0), "a producer of another topic");
    assertEquals(FOREIGN, tracker.record(10, 2, 0), "no such partition");
    assertEquals(FOREIGN, tracker.record(10, 0, SequenceTracker.MAX_SEQUENCE + 1));
    tracker.recordForeign();
    assertEquals(5, tracker.foreign());
  }

  @Test
  void aCopyIsIndependent() {
    tracker.record(10, 0, 0);
    SequenceTracker copy = tracker.copy();
    tracker.record(10, 0, 1);
    assertEquals(1, copy.delivered(0));
    assertEquals(1, copy.seen(0).cardinality());
  }
}
