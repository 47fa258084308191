package io.brokerbench.bench;

import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.harness.driver.BrokerDriver;
import java.util.Map;

/**
 * Where a trial's system lives: the properties that name a started broker's addresses. The suite
 * starts the brokers once, outside JMH's forks, and hands these to every forked trial as system
 * properties; {@link SystemUnderTest#driver} turns them into a driver.
 */
public final class Targets {
  /** {@code bootstrap.servers} of the Kafka cluster under test. */
  public static final String KAFKA_BOOTSTRAP = "brokerbench.target.kafka.bootstrap";

  /** How many brokers that cluster has (replication of created topics). */
  public static final String KAFKA_BROKERS = "brokerbench.target.kafka.brokers";

  /** The AMQP URI of the RabbitMQ under test; a cluster's nodes' URIs separated by commas. */
  public static final String RABBITMQ_URI = "brokerbench.target.rabbitmq.uri";

  /** The stream protocol's {@code host:port} of the RabbitMQ under test, when it runs streams. */
  public static final String RABBITMQ_STREAM = "brokerbench.target.rabbitmq.stream";

  private Targets() {}

  /** The properties that point a driver at {@code broker}, a started Kafka or RabbitMQ cluster. */
  public static Map<String, String> of(Broker broker) {
    if (broker instanceof RabbitCluster rabbit) {
      if (rabbit.spec().streams()) {
        return Map.of(
            RABBITMQ_URI,
            String.join(",", rabbit.uris()),
            RABBITMQ_STREAM,
            Ports.LOOPBACK + ":" + rabbit.node(1).streamPort());
      }
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
   * JVM's system properties: how a forked trial finds the broker the suite started.
   */
  public static BrokerDriver driver(String system) {
    return SystemUnderTest.parse(system).driver(Map.of());
  }

  /** {@code property} from {@code target}, else from this JVM's system properties. */
  static String require(Map<String, String> target, String property) {
    String value = target.getOrDefault(property, System.getProperty(property));
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "-D" + property + " is not set: the bench suite sets it when it starts the broker");
    }
    return value;
  }
}
