package io.brokerbench.harness.driver.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryTally;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.measure.SubscriptionTally;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ring the in-memory driver's queues are made of: FIFO, bounded, and drained exactly. */
class OneToOneRingTest {
  private static final Topology TOPOLOGY = new Topology("ring", 1, 1, 1, 1, 1);

  private static byte[] message(long sequence) {
    byte[] payload = new byte[PayloadHeader.BYTES];
    PayloadHeader.write(payload, 0, 0, sequence, 0);
    return payload;
  }

  private static Deliveries receiver() {
    return new Deliveries(TOPOLOGY, 0, new Recorder(3), NanoClock.SYSTEM);
  }

  /** Capacities that are, and are not, a power of two: the capacity binds, not the slot count. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8, 1000})
  void holdsExactlyItsCapacityAndHandsOverInOrder(int capacity) throws Exception {
    OneToOneRing ring = new OneToOneRing(capacity);
    Deliveries receiver = receiver();
    long sequence = 0;
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < capacity; i++) {
        ring.put(message(sequence++));
      }
      Thread full = new Thread(() -> putOrFail(ring, message(-1)));
      full.start();
      full.join(50);
      assertTrue(full.isAlive(), "a put to a full ring of " + capacity + " waits");
      full.interrupt();
      full.join();
      assertFalse(ring.isEmpty());
      assertEquals(capacity, ring.drainTo(receiver, Integer.MAX_VALUE));
      assertTrue(ring.isEmpty());
      assertEquals(0, ring.drainTo(receiver, Integer.MAX_VALUE));
    }
    assertExactlyOnceInOrder(receiver, sequence);
  }

  private static void assertExactlyOnceInOrder(Deliveries receiver, long messages) {
    SequenceTracker seen = receiver.snapshot();
    SubscriptionTally tally =
        DeliveryTally.subscription(
            0, 0, new long[] {messages}, List.of(new SendTracker(0)), List.of(seen));
    assertEquals(messages, tally.received());
    assertEquals(0, tally.missing());
    assertEquals(0, tally.duplicates());
    assertEquals(0, tally.reorderings());
    assertEquals(0, seen.foreign(), "nothing else was handed over");
  }

  private static void putOrFail(OneToOneRing ring, byte[] payload) {
    try {
      ring.put(payload);
      throw new AssertionError("the put to a full ring returned");
    } catch (InterruptedException e) {
      // Expected: the test ends the wait.
    }
  }

  @Test
  void drainsNoMoreThanTheLimitAndFreesWhatItDrained() throws Exception {
    OneToOneRing ring = new OneToOneRing(4);
    Deliveries receiver = receiver();
    for (long s = 0; s < 4; s++) {
      ring.put(message(s));
    }
    assertEquals(3, ring.drainTo(receiver, 3));
    ring.put(message(4));
    // The consumer may finish the batch it saw before it looks for more: 1 then 1, or 2.
    int drained = 0;
    while (!ring.isEmpty()) {
      int now = ring.drainTo(receiver, 3);
      assertTrue(now > 0 && now <= 3, "drained " + now);
      drained += now;
    }
    assertEquals(2, drained);
    assertExactlyOnceInOrder(receiver, 5);
  }

  @Test
  void aNullPayloadReachesTheReceiverAsForeign() throws Exception {
    OneToOneRing ring = new OneToOneRing(2);
    Deliveries receiver = receiver();
    ring.put(null);
    ring.put(message(0));
    assertEquals(2, ring.drainTo(receiver, 2));
    assertEquals(1, receiver.snapshot().foreign());
    assertEquals(1, receiver.delivered(0));
  }

  @Test
  void aProducerAndAConsumerThreadPassEveryMessageOnceInOrder() throws Exception {
    int messages = 1_000_000;
    OneToOneRing ring = new OneToOneRing(64);
    Deliveries receiver = receiver();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread producer =
        new Thread(
            () -> {
              try {
                for (long s = 0; s < messages; s++) {
                  ring.put(message(s));
                }
              } catch (Throwable e) {
                failure.set(e);
              } finally {
                done.countDown();
              }
            });
    producer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((done.getCount() > 0 || !ring.isEmpty()) && System.nanoTime() < deadline) {
      if (ring.drainTo(receiver, 16) == 0) {
        Thread.onSpinWait();
      }
    }
    producer.join();
    assertEquals(null, failure.get());
    assertExactlyOnceInOrder(receiver, messages);
  }
}
