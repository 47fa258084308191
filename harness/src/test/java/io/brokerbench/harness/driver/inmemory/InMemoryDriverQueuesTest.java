package io.brokerbench.harness.driver.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryTally;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SubscriptionTally;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

/**
 * Each queue of the in-memory driver has one writer and one reader: a second consumer or producer
 * in the same place is refused while the first runs, and takes over once it is closed (as the
 * durability trials pause and resume a consumer).
 */
class InMemoryDriverQueuesTest {
  private static final Topology TOPOLOGY = new Topology("queues", 1, 1, 1, 1, 1);
  private final Recorder endToEndNs = new Recorder(3);

  private Deliveries receiver() {
    return new Deliveries(TOPOLOGY, 0, endToEndNs, NanoClock.SYSTEM);
  }

  private static void send(DriverProducer producer, long sequence) throws Exception {
    byte[] payload = new byte[64];
    PayloadHeader.write(payload, 0, 0, sequence, System.nanoTime());
    producer.send(0, payload);
  }

  @Test
  void aResumedConsumerTakesOverWhereTheClosedOneStopped() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create()) {
      driver.prepare(TOPOLOGY, GuaranteeTier.ACK);
      Deliveries first = receiver();
      DriverConsumer consumer = driver.startConsumer(0, 0, 0, first);
      assertThrows(IllegalStateException.class, () -> driver.startConsumer(0, 0, 0, receiver()));
      DriverProducer producer =
          driver.createProducer(0, 0, new Acknowledgements(0, new Recorder(3), NanoClock.SYSTEM));
      for (long s = 0; s < 100; s++) {
        send(producer, s);
      }
      assertTrue(driver.awaitDrained(Duration.ofSeconds(10)));
      consumer.close();
      for (long s = 100; s < 200; s++) {
        send(producer, s);
      }
      Deliveries second = receiver();
      driver.startConsumer(0, 0, 0, second);
      assertTrue(driver.awaitDrained(Duration.ofSeconds(10)));
      assertEquals(100, first.delivered(0));
      assertEquals(100, second.delivered(0));
      SubscriptionTally both =
          DeliveryTally.subscription(
              0,
              0,
              new long[] {200},
              List.of(new SendTracker(0)),
              List.of(first.snapshot(), second.snapshot()));
      assertEquals(200, both.received());
      assertEquals(0, both.missing());
      assertEquals(0, both.duplicates());
      assertEquals(0, both.reorderings());
    }
  }

  @Test
  void aSecondProducerInTheSamePlaceWaitsForTheFirstToClose() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create()) {
      driver.prepare(TOPOLOGY, GuaranteeTier.NONE);
      Acknowledgements acks = new Acknowledgements(0, new Recorder(3), NanoClock.SYSTEM);
      DriverProducer producer = driver.createProducer(0, 0, acks);
      assertThrows(IllegalStateException.class, () -> driver.createProducer(0, 0, acks));
      producer.close();
      driver.createProducer(0, 0, acks).close();
    }
  }
}
