package io.brokerbench.harness.driver.zeromq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the shared contract does not cover: the mesh's and the proxy's connection counts and the
 * refusals.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ZeroMqDriverTest {
  private static final Duration DELIVERY = Duration.ofSeconds(30);

  @Test
  void theMeshConnectsEveryProducerToEveryConsumer() throws Exception {
    // 3 producers x 2 subscriptions x 2 consumers: 12 connections, PUB/SUB with partition keys.
    Topology topology = new Topology("zmq-mesh", 1, 4, 2, 2, 3);
    assertEquals(12, ZeroMqDriver.meshConnections(topology));
    try (ZeroMqDriver driver = ZeroMqDriver.create();
        LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.NONE, RigSettings.defaults())) {
      assertTrue(driver.pubSub(), "fan-out runs PUB/SUB");
      assertEquals(12, driver.connections());
      rig.send(SendPlan.count(100, 5_000));
      assertTrue(rig.awaitDelivery(DELIVERY), rig.report().summary());
      DeliveryReport report = rig.report();
      assertTrue(report.exactlyOnceInOrder(), report.summary());
      assertEquals(3 * 5_000 * 2, report.received(), report.summary());
    }
  }

  @Test
  void theProxyNeedsOneConnectionPerProducerAndConsumer() throws Exception {
    // The same 3 producers x 2 subscriptions x 2 consumers through a proxy: 3 + 4 connections.
    Topology topology = new Topology("zmq-proxy", 1, 4, 2, 2, 3);
    assertEquals(7, ZeroMqDriver.proxyConnections(topology));
    ZeroMqDriver proxied =
        new ZeroMqDriver(ZeroMqConfig.defaults().withPattern(ZeroMqConfig.Pattern.PROXY));
    try (ZeroMqDriver driver = proxied;
        LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.NONE, RigSettings.defaults())) {
      assertTrue(driver.pubSub(), "a proxy runs PUB/SUB");
      assertEquals(7, driver.connections());
      rig.send(SendPlan.count(100, 5_000));
      assertTrue(rig.awaitDelivery(DELIVERY), rig.report().summary());
      DeliveryReport report = rig.report();
      assertTrue(report.exactlyOnceInOrder(), report.summary());
      assertEquals(3 * 5_000 * 2, report.received(), report.summary());
    }
  }

  @Test
  void oneSubscriptionIsAPushPullPipelineSpreadOverItsConsumers() throws Exception {
    // More consumers than partitions: PUSH still feeds every consumer (ZeroMQ has no partitions).
    Topology topology = new Topology("zmq-pipeline", 1, 1, 1, 3, 2);
    try (ZeroMqDriver driver = ZeroMqDriver.create();
        LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.NONE, RigSettings.defaults())) {
      assertFalse(driver.pubSub());
      assertEquals(6, driver.connections());
      rig.send(SendPlan.count(100, 3_000));
      assertTrue(rig.awaitDelivery(DELIVERY), rig.report().summary());
      assertTrue(rig.report().exactlyOnceInOrder(), rig.report().summary());
      assertEquals(6_000, rig.report().received());
    }
  }

  @Test
  void aTopicWithoutSubscriptionsIsRefused() throws Exception {
    try (ZeroMqDriver driver = ZeroMqDriver.create()) {
      DriverException e =
          assertThrows(
              DriverException.class,
              () -> driver.prepare(new Topology("zmq-alone", 1, 1, 0, 1, 1), GuaranteeTier.NONE));
      assertTrue(e.getMessage().contains("subscriptionsPerTopic"), e.getMessage());
    }
  }

  @Test
  void consumersMustAllBeStartedBeforeTheProducers() throws Exception {
    Topology topology = new Topology("zmq-order", 1, 1, 1, 2, 1);
    Recorder recorder = new Recorder(3);
    try (ZeroMqDriver driver = ZeroMqDriver.create()) {
      driver.prepare(topology, GuaranteeTier.NONE);
      driver.startConsumer(0, 0, 0, new Deliveries(topology, 0, recorder, NanoClock.SYSTEM));
      Acknowledgements acks = new Acknowledgements(0, recorder, NanoClock.SYSTEM);
      DriverException early =
          assertThrows(DriverException.class, () -> driver.createProducer(0, 0, acks));
      assertTrue(early.getMessage().contains("before consumer"), early.getMessage());

      driver.startConsumer(0, 0, 1, new Deliveries(topology, 0, recorder, NanoClock.SYSTEM));
      driver.createProducer(0, 0, acks);
      DriverException late =
          assertThrows(
              DriverException.class,
              () ->
                  driver.startConsumer(
                      0, 0, 1, new Deliveries(topology, 0, recorder, NanoClock.SYSTEM)));
      assertTrue(late.getMessage().contains("after a producer"), late.getMessage());
    }
  }

  @Test
  void aSendBlockedAtTheHighWaterMarkEndsOnInterruptAndTheDriverStillCloses() throws Exception {
    Topology topology = new Topology("zmq-blocked", 1, 1, 1, 1, 1);
    Recorder recorder = new Recorder(3);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    long closeMs;
    ZeroMqDriver driver = new ZeroMqDriver(ZeroMqConfig.defaults().withHighWaterMarks(10));
    try {
      driver.prepare(topology, GuaranteeTier.NONE);
      DriverConsumer consumer =
          driver.startConsumer(0, 0, 0, new Deliveries(topology, 0, recorder, NanoClock.SYSTEM));
      DriverProducer producer =
          driver.createProducer(0, 0, new Acknowledgements(0, recorder, NanoClock.SYSTEM));
      consumer.close(); // nobody reads any more: the producer fills its queue and blocks
      Thread sender =
          new Thread(
              () -> {
                try {
                  while (true) {
                    producer.send(0, new byte[100]);
                  }
                } catch (Throwable e) {
                  outcome.set(e);
                }
              });
      sender.start();
      Thread.sleep(500);
      assertTrue(sender.isAlive(), "the send blocks at the high-water mark");
      sender.interrupt();
      sender.join(5_000);
      assertFalse(sender.isAlive(), "the interrupt ended the blocked send");
      assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
      producer.close();
    } finally {
      long begin = System.nanoTime();
      driver.close();
      closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    }
    assertTrue(closeMs < 5_000, "close waits at most about the linger, took " + closeMs + " ms");
  }

  @Test
  void onlyTierNoneIsOffered() {
    ZeroMqDriver driver = ZeroMqDriver.create();
    assertTrue(driver.offers(GuaranteeTier.NONE));
    assertFalse(driver.offers(GuaranteeTier.ACK));
    assertFalse(driver.offers(GuaranteeTier.DURABLE));
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ZeroMqConfig.defaults().withHighWaterMarks(-1));
    assertTrue(e.getMessage().startsWith("sendHighWaterMark"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ZeroMqConfig.defaults().withIoThreads(0));
    assertTrue(e.getMessage().startsWith("ioThreads"), e.getMessage());
  }
}
