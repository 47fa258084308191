package io.brokerbench.bench.throughput;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriverConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.driver.zeromq.ZeroMqConfig;
import io.brokerbench.harness.driver.zeromq.ZeroMqDriver;
import java.util.List;
import java.util.Map;

/**
 * Where a trial's system lives. The suite starts the brokers once, outside JMH's forks, and hands
 * their addresses to every forked trial as system properties; this class turns a system's name and
 * those properties into a driver.
 */
public final class Targets {
  /** {@code bootstrap.servers} of the Kafka cluster under test. */
  public static final String KAFKA_BOOTSTRAP = "brokerbench.target.kafka.bootstrap";

  /** How many brokers that cluster has (replication of created topics). */
  public static final String KAFKA_BROKERS = "brokerbench.target.kafka.brokers";

  /** The AMQP URI of the RabbitMQ under test; a cluster's nodes' URIs separated by commas. */
  public static final String RABBITMQ_URI = "brokerbench.target.rabbitmq.uri";

  /** The 3-node set-up of tier replicated for Kafka (KRaft) or RabbitMQ, as rows name it. */
  public static final Map<BenchSystem, String> REPLICATED_MODES =
      Map.of(
          BenchSystem.KAFKA_KRAFT,
          "kraft, 3 brokers, replication 3, min.insync.replicas 2",
          BenchSystem.RABBITMQ,
          "3 nodes, quorum queues");

  private Targets() {}

  /**
   * A single broker of {@code system} (Kafka in {@code mode}; RabbitMQ ignores it) or, with {@code
   * replicated}, the 3-node cluster of tier replicated: Kafka's 3 KRaft brokers are each also a
   * controller. Not started. Kafka deletes a deleted topic's files at once rather than after its
   * default minute: every trial writes gigabytes, and the disk must hold only the one that runs.
   */
  public static Broker broker(BenchSystem system, KafkaMode mode, boolean replicated) {
    if (system == BenchSystem.RABBITMQ) {
      return new RabbitCluster(replicated ? RabbitClusterSpec.of(3) : RabbitClusterSpec.single());
    }
    KafkaClusterSpec spec =
        replicated
            ? KafkaClusterSpec.of(KafkaMode.KRAFT, 3).withControllers(3)
            : KafkaClusterSpec.single(mode);
    return new KafkaCluster(spec.withOverrides(Map.of("file.delete.delay.ms", "1000")));
  }

  /** The properties that point a driver at {@code broker}, a started Kafka or RabbitMQ cluster. */
  public static Map<String, String> of(Broker broker) {
    if (broker instanceof RabbitCluster rabbit) {
      return Map.of(RABBITMQ_URI, String.join(",", rabbit.uris()));
    }
    KafkaCluster kafka = (KafkaCluster) broker;
    return Map.of(
        KAFKA_BOOTSTRAP,
        kafka.bootstrapServers(),
        KAFKA_BROKERS,
        Integer.toString(kafka.spec().brokers()));
  }

  /**
   * A fresh driver for {@code system} (a {@link SystemUnderTest}'s label), configured from this
   * JVM's system properties.
   */
  public static BrokerDriver driver(String system) {
    return driver(system, Map.of());
  }

  /**
   * A fresh driver for {@code system}; {@code target} (property to value) takes precedence over the
   * system properties. The caller closes it.
   */
  public static BrokerDriver driver(String system, Map<String, String> target) {
    return switch (SystemUnderTest.parse(system)) {
      case IN_MEMORY -> InMemoryDriver.create();
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER ->
          new KafkaDriver(
              KafkaDriverConfig.forCluster(
                  require(target, KAFKA_BOOTSTRAP),
                  Integer.parseInt(
                      target.getOrDefault(KAFKA_BROKERS, System.getProperty(KAFKA_BROKERS, "1")))));
      case RABBITMQ ->
          new RabbitMqDriver(RabbitMqConfig.of(List.of(require(target, RABBITMQ_URI).split(","))));
      case ZEROMQ -> ZeroMqDriver.create();
      case ZEROMQ_PROXY ->
          new ZeroMqDriver(ZeroMqConfig.defaults().withPattern(ZeroMqConfig.Pattern.PROXY));
    };
  }

  static String require(Map<String, String> target, String property) {
    String value = target.getOrDefault(property, System.getProperty(property));
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "-D" + property + " is not set: the bench suite sets it when it starts the broker");
    }
    return value;
  }
}
