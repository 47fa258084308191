package io.brokerbench.harness.driver.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverContract;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.rig.SendResult;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The shared {@link DriverContract} and the Kafka driver's own checks, against one real Kafka
 * broker started once for the class (in the mode a subclass names) and stopped after it. Each trial
 * gets fresh topics, so the tests share the broker without seeing each other's messages.
 *
 * <p>Per-class instances so that {@code @BeforeAll} can ask the subclass for its mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class KafkaDriverContract extends DriverContract {
  private KafkaCluster kafka;

  /** The mode of the broker the tests run against. */
  protected abstract KafkaMode mode();

  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void startKafka() {
    kafka = new KafkaCluster("driver-it-kafka-" + mode().label(), KafkaClusterSpec.single(mode()));
    kafka.start();
  }

  @AfterAll
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Override
  protected BrokerDriver newDriver() {
    return new KafkaDriver(config());
  }

  private KafkaDriverConfig config() {
    return KafkaDriverConfig.single(kafka.bootstrapServers());
  }

  private Admin admin() {
    return Admin.create(
        Map.<String, Object>of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @Test
  void prepareMakesOnlineTopicsOfTheTopologysShapeAndCloseDeletesThem() throws Exception {
    Topology topology = new Topology(newTrialId("shape"), 2, 3, 1, 1, 1);
    Set<String> names = Set.of(topology.topicName(0), topology.topicName(1));
    try (Admin admin = admin()) {
      KafkaDriver driver = new KafkaDriver(config().withReplication(1, 1));
      try {
        driver.prepare(topology, GuaranteeTier.DURABLE);
        Map<String, TopicDescription> described =
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        for (TopicDescription topic : described.values()) {
          assertEquals(3, topic.partitions().size(), topic.toString());
          topic.partitions().forEach(p -> assertTrue(p.leader() != null, p.toString()));
        }
        ConfigResource resource =
            new ConfigResource(ConfigResource.Type.TOPIC, topology.topicName(0));
        Config config =
            admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertEquals("1", config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
      } finally {
        driver.close();
      }
      awaitGone(admin, names);
    }
  }

  @Test
  void aTopicThatExistsAlreadyIsRefusedAndLeftAlone() throws Exception {
    Topology topology = new Topology(newTrialId("exists"), 1, 1, 1, 1, 1);
    try (KafkaDriver first = new KafkaDriver(config());
        Admin admin = admin()) {
      first.prepare(topology, GuaranteeTier.ACK);
      KafkaDriver second = new KafkaDriver(config());
      DriverException e =
          assertThrows(DriverException.class, () -> second.prepare(topology, GuaranteeTier.ACK));
      assertTrue(e.getMessage().contains("exists already"), e.getMessage());
      assertTrue(e.getMessage().contains(kafka.bootstrapServers()), e.getMessage());
      second.close();
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertTrue(names.contains(topology.topicName(0)), "the other trial's topic is still there");
    }
  }

  /**
   * Not a benchmark: a quick figure to catch a gross mistake (batching off, a window too small).
   * One producer and one consumer on one partition, 1 KiB, unpaced, 5 s of warm-up then 10 s; run
   * with {@code -Dbrokerbench.kafka.sanity=true}, and optionally {@code
   * -Dbrokerbench.kafka.sanityTier=ack} (the default), {@code sanitySeconds=10}, {@code
   * sanityWindow=10000} (the rig's in-flight window) in the same namespace.
   */
  @Test
  @EnabledIfSystemProperty(named = "brokerbench.kafka.sanity", matches = "true")
  void sanityFigure() throws Exception {
    Topology topology = new Topology(newTrialId("sanity"), 1, 1, 1, 1, 1);
    int seconds = Integer.getInteger("brokerbench.kafka.sanitySeconds", 10);
    GuaranteeTier tier =
        GuaranteeTier.fromKey(System.getProperty("brokerbench.kafka.sanityTier", "ack"));
    RigSettings settings =
        RigSettings.defaults()
            .withInFlightWindow(
                Integer.getInteger(
                    "brokerbench.kafka.sanityWindow",
                    RigSettings.DEFAULT_IN_FLIGHT_WINDOW_MESSAGES));
    try (BrokerDriver driver = newDriver();
        LoadRig rig = LoadRig.start(driver, topology, tier, settings)) {
      rig.send(SendPlan.timed(1024, Duration.ofSeconds(5), 0));
      assertTrue(rig.awaitDelivery(Duration.ofSeconds(30)), rig.report().summary());
      rig.endToEndNs().getIntervalHistogram();
      long deliveredBefore = rig.delivered();
      SendResult sent = rig.send(SendPlan.timed(1024, Duration.ofSeconds(seconds), 0));
      long delivered = rig.delivered() - deliveredBefore;
      assertTrue(rig.awaitDelivery(Duration.ofSeconds(30)), rig.report().summary());
      Histogram endToEnd = rig.endToEndNs().getIntervalHistogram();
      double elapsedS = sent.elapsedNs() / 1e9;
      System.out.printf(
          "kafka %s sanity, 1 KiB, tier %s, 1 partition, window %d: sent %.0f msg/s, delivered"
              + " %.0f msg/s over %.1f s; end-to-end p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          mode().label(),
          tier,
          settings.inFlightWindowMessages(),
          sent.sent() / elapsedS,
          delivered / elapsedS,
          elapsedS,
          endToEnd.getValueAtPercentile(50) / 1e6,
          endToEnd.getValueAtPercentile(99) / 1e6,
          endToEnd.getMaxValue() / 1e6);
      assertTrue(rig.report().exactlyOnceInOrder(), rig.report().summary());
    }
  }

  private static void awaitGone(Admin admin, Set<String> names) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Set<String> left;
    do {
      left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      left.retainAll(names);
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("close did not delete " + left);
  }
}
