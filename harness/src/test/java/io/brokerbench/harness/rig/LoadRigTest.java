package io.brokerbench.harness.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadRigTest {
  private static final Topology ONE_TO_ONE = new Topology("rig", 1, 1, 1, 1, 1);

  @Test
  void phasesContinueTheSequenceAndAWarmupCanBeDiscarded() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.ACK, RigSettings.defaults())) {
      rig.send(SendPlan.count(100, 500));
      assertTrue(rig.awaitDelivery(Duration.ofSeconds(10)));
      assertEquals(500, rig.endToEndNs().getIntervalHistogram().getTotalCount(), "warm-up");

      rig.send(SendPlan.count(100, 700));
      assertTrue(rig.awaitDelivery(Duration.ofSeconds(10)));
      assertEquals(700, rig.endToEndNs().getIntervalHistogram().getTotalCount(), "measured");
      DeliveryReport report = rig.report();
      assertTrue(report.exactlyOnceInOrder(), report.summary());
      assertEquals(1_200, report.received());
      assertEquals(1_200, rig.delivered());
    }
  }

  @Test
  void aPacedPhaseSendsOnScheduleAndRecordsItsSendDelay() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(
                driver,
                new Topology("paced", 1, 2, 1, 1, 2),
                GuaranteeTier.NONE,
                RigSettings.defaults())) {
      // 2,000 msg/s for 0.5 s over two producers: 1,000 intended send times before the end.
      SendResult result = rig.send(SendPlan.timed(100, Duration.ofMillis(500), 2_000));
      assertEquals(1_000, result.sent(), "every intended send time before the end is sent");
      assertTrue(rig.awaitDelivery(Duration.ofSeconds(10)));
      Histogram delay = rig.sendDelayNs().getIntervalHistogram();
      assertEquals(1_000, delay.getTotalCount(), "one send delay per paced message");
      assertTrue(result.elapsedNs() >= 490_000_000L, "the phase lasted its duration");
    }
  }

  @Test
  void aProducerWhoseWindowNeverEmptiesStalls() throws Exception {
    // 50 messages lost with a window of 10: the window never frees, the send ends as stalled.
    InMemoryDriver driver =
        InMemoryDriver.builder().drop(0, LongStream.range(0, 50).toArray()).build();
    RigSettings settings =
        RigSettings.defaults().withInFlightWindow(10).withStallTimeout(Duration.ofMillis(200));
    try (driver;
        LoadRig rig = LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, settings)) {
      SendResult result = rig.send(SendPlan.count(100, 1_000));
      assertTrue(result.stalled());
      assertEquals(10, result.sent(), "stopped at the window");
      assertFalse(rig.awaitDelivery(Duration.ofMillis(50)));
      assertEquals(10, rig.report().missing());
    }
  }

  @Test
  void aTierNotOfferedIsRefused() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create()) {
      TierNotOfferedException e =
          assertThrows(
              TierNotOfferedException.class,
              () ->
                  LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.DURABLE, RigSettings.defaults()));
      assertEquals(
          "in-memory does not offer the 'durable' guarantee tier: not offered", e.getMessage());
    }
  }

  @Test
  void aFailingSendFailsThePhaseWithTheProducerNamed() throws Exception {
    try (BrokerDriver driver = new FailingDriver(InMemoryDriver.create(), 100);
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.ACK, RigSettings.defaults())) {
      DriverException e =
          assertThrows(DriverException.class, () -> rig.send(SendPlan.count(100, 1_000)));
      assertEquals("producer 0 of rig-t0: fake at 127.0.0.1:1: connection lost", e.getMessage());
      assertEquals(100, rig.totalSent());
    }
  }

  @Test
  void aConsumerFailureFailsTheTrial() throws Exception {
    FailingDriver driver = new FailingDriver(InMemoryDriver.create(), Long.MAX_VALUE);
    try (driver;
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.ACK, RigSettings.defaults())) {
      driver.receiver.onFailure(new IllegalStateException("broker went away"));
      assertFalse(rig.awaitDelivery(Duration.ofSeconds(1)));
      DriverException e =
          assertThrows(DriverException.class, () -> rig.send(SendPlan.count(100, 10)));
      assertEquals(
          "the trial failed: consumer rig-t0-s0-c0: java.lang.IllegalStateException: broker went"
              + " away",
          e.getMessage());
    }
  }

  /** The in-memory driver, whose producers lose their connection after {@code sendsBefore}. */
  private static final class FailingDriver implements BrokerDriver {
    private final InMemoryDriver delegate;
    private final long sendsBefore;
    Receiver receiver;

    FailingDriver(InMemoryDriver delegate, long sendsBefore) {
      this.delegate = delegate;
      this.sendsBefore = sendsBefore;
    }

    @Override
    public boolean offers(GuaranteeTier tier) {
      return delegate.offers(tier);
    }

    @Override
    public void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
      delegate.prepare(topology, tier);
    }

    @Override
    public DriverConsumer startConsumer(
        int topic, int subscription, int consumer, Receiver receiver) throws DriverException {
      this.receiver = receiver;
      return delegate.startConsumer(topic, subscription, consumer, receiver);
    }

    @Override
    public DriverProducer createProducer(int topic, int producer, Acknowledgements acks)
        throws DriverException {
      DriverProducer real = delegate.createProducer(topic, producer, acks);
      return new DriverProducer() {
        private long sends;

        @Override
        public void send(int partition, byte[] payload)
            throws DriverException, InterruptedException {
          if (sends++ == sendsBefore) {
            throw new DriverException("fake at 127.0.0.1:1: connection lost");
          }
          real.send(partition, payload);
        }

        @Override
        public void close() throws DriverException {
          real.close();
        }
      };
    }

    @Override
    public void close() throws DriverException {
      delegate.close();
    }
  }
}
