package io.brokerbench.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTallyTest {

  @Test
  void mergesTheConsumersOfASubscription() {
    // One producer (id 0), one partition... two consumers that between them saw 0..9 but 3 and 7,
    // and both saw 5 (a redelivery after a rebalance, say); 8 came twice to the first one.
    SequenceTracker first = new SequenceTracker(0, 1, 2);
    SequenceTracker second = new SequenceTracker(0, 1, 2);
    for (long s : new long[] {0, 1, 2, 4, 5, 8, 8}) {
      first.record(0, 0, s);
    }
    for (long s : new long[] {5, 6, 9}) {
      second.record(0, 1, s);
    }
    SendTracker sends = new SendTracker(0);
    for (long s = 0; s < 10; s++) {
      if (s != 7) {
        sends.acknowledged(0, s);
      }
    }
    sends.failed(0, 7, new RuntimeException("nack"));

    SubscriptionTally tally =
        DeliveryTally.subscription(0, 0, new long[] {10}, List.of(sends), List.of(first, second));

    ProducerTally producer = tally.producers().get(0);
    assertEquals(10, producer.sent());
    assertEquals(9, producer.acknowledged());
    assertEquals(1, producer.failed());
    assertEquals(8, producer.received());
    assertEquals(List.of(3L), producer.missingSample(), "7 failed: not missing");
    assertEquals(1, producer.missing());
    assertEquals(2, producer.duplicates());
    assertEquals(List.of(5L, 8L), producer.duplicateSample());
    assertEquals(1, producer.lostAcknowledged());
    assertEquals(List.of(3L), producer.lostAcknowledgedSample());
    assertEquals(0, producer.reorderings());
  }

  @Test
  void samplesAreBoundedCountsAreNot() {
    SequenceTracker consumer = new SequenceTracker(0, 1, 1);
    SendTracker sends = new SendTracker(0);
    SubscriptionTally tally =
        DeliveryTally.subscription(0, 0, new long[] {1000}, List.of(sends), List.of(consumer));
    ProducerTally producer = tally.producers().get(0);
    assertEquals(1000, producer.missing());
    assertEquals(SequenceTracker.SAMPLE_LIMIT, producer.missingSample().size());
    assertEquals(0L, producer.missingSample().get(0));
  }
}
