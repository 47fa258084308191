package io.brokerbench.harness.driver.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared driver contract against one private RabbitMQ node, started once for the class: every
 * topology shape at all three tiers. Then what the contract does not cover: the quorum queue
 * option, a topic without subscriptions, and a broker that closes the connections under a running
 * trial.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@RequiresRabbitMq
class RabbitMqDriverContractIT extends DriverContract {
  private static RabbitCluster rabbit;

  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void startBroker() {
    rabbit = new RabbitCluster("rabbitmq-driver-it", RabbitClusterSpec.single());
    rabbit.start();
  }

  @AfterAll
  static void stopBroker() {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  private static RabbitMqConfig config() {
    return RabbitMqConfig.of(rabbit.node(1).uri()).withTimeout(Duration.ofSeconds(20));
  }

  @Override
  protected BrokerDriver newDriver() {
    return new RabbitMqDriver(config());
  }

  @Test
  @SuppressWarnings("try") // the rig is closed early: its close collects the confirms
  void aQuorumQueueCarriesTheDurableTier() throws Exception {
    Topology topology = new Topology(newTrialId("quorum"), 1, 2, 2, 1, 1);
    try (BrokerDriver driver =
        new RabbitMqDriver(config().withDurableQueueType(RabbitMqConfig.QueueType.QUORUM))) {
      try (LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.DURABLE, rigSettings())) {
        rig.send(SendPlan.count(messageBytes(), 1_000));
        assertTrue(rig.awaitDelivery(deliveryTimeout()), rig.report().summary());
        rig.close();
        DeliveryReport report = rig.report();
        assertTrue(report.exactlyOnceInOrder(), report.summary());
        assertEquals(2 * 1_000, report.received(), report.summary());
        assertEquals(1_000, report.acknowledged(), report.summary());
      }
      String queues = rabbit.node(1).rabbitmqctl("list_queues", "name", "type");
      String queue = RabbitMqDriver.queueName(topology, 0, 1, 1);
      assertTrue(
          queues.lines().anyMatch(l -> l.startsWith(queue + "\t") && l.contains("quorum")),
          queue + " is a quorum queue: " + queues);
    }
    String after = rabbit.node(1).rabbitmqctl("list_queues", "name");
    assertFalse(after.contains(topology.trialId()), "close deletes the queues: " + after);
  }

  @Test
  @SuppressWarnings("try") // the rig is closed early: its close collects the confirms
  void withoutSubscriptionsConfirmedMessagesAreKeptInAQueue() throws Exception {
    try (BrokerDriver driver = newDriver()) {
      Topology topology = new Topology(newTrialId("alone"), 1, 2, 0, 1, 1);
      try (LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.ACK, rigSettings())) {
        rig.send(SendPlan.count(messageBytes(), 500));
        assertTrue(rig.awaitDelivery(deliveryTimeout()), rig.report().summary());
        rig.close();
        assertEquals(500, rig.report().acknowledged(), rig.report().summary());
      }
      String queues = rabbit.node(1).rabbitmqctl("list_queues", "name", "messages");
      String prefix = topology.topicName(0) + "-p";
      long stored =
          queues
              .lines()
              .filter(l -> l.startsWith(prefix))
              .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf('\t') + 1).strip()))
              .sum();
      assertEquals(500, stored, queues);
    }
  }

  @Test
  void connectionsClosedByTheBrokerFailTheTrial() throws Exception {
    BrokerDriver driver = newDriver();
    Topology topology = new Topology(newTrialId("dropped"), 1, 1, 1, 1, 1);
    LoadRig rig = LoadRig.start(driver, topology, GuaranteeTier.ACK, rigSettings());
    try {
      rig.send(SendPlan.count(messageBytes(), 100));
      assertTrue(rig.awaitDelivery(deliveryTimeout()), rig.report().summary());

      rabbit.node(1).rabbitmqctl("close_all_connections", "brokerbench test");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (rig.report().failures().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      DeliveryReport report = rig.report();
      assertEquals(2, report.failures().size(), "the producer and the consumer: " + report);
      for (String failure : report.failures()) {
        assertTrue(failure.contains("closed by the broker"), failure);
        assertTrue(failure.contains("CONNECTION_FORCED"), failure);
      }
      DriverException e =
          assertThrows(DriverException.class, () -> rig.send(SendPlan.count(messageBytes(), 10)));
      assertTrue(e.getMessage().contains("closed by the broker"), e.getMessage());
    } finally {
      rig.close();
      DriverException e = assertThrows(DriverException.class, driver::close);
      assertTrue(e.getMessage().contains("could not delete"), e.getMessage());
    }
  }

  @Override
  protected RigSettings rigSettings() {
    return RigSettings.defaults().withStallTimeout(Duration.ofSeconds(20));
  }
}
