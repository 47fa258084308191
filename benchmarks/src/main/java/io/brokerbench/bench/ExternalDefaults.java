package io.brokerbench.bench;

import java.net.URI;

/**
 * Where brokerbench looks for brokers that the user started (with the repository's {@code
 * docker-compose.yml}, or any other way) when told to use external brokers: the one place these
 * defaults are written. {@code ExternalDefaultsComposeTest} checks that {@code docker-compose.yml}
 * publishes exactly these endpoints.
 *
 * <p>Two Kafka clusters run side by side, so they cannot both have Kafka's usual 9092: KRaft mode
 * keeps it (it is Kafka's only mode from 4.0 on), ZooKeeper mode takes the next port. ZooKeeper and
 * RabbitMQ keep their usual ports. Everything is on 127.0.0.1, as the brokers brokerbench starts
 * itself.
 */
public final class ExternalDefaults {
  /** {@code bootstrap.servers} of the Kafka cluster in KRaft mode. */
  public static final String KAFKA_KRAFT_BOOTSTRAP = "127.0.0.1:9092";

  /** {@code bootstrap.servers} of the Kafka cluster in ZooKeeper mode. */
  public static final String KAFKA_ZOOKEEPER_BOOTSTRAP = "127.0.0.1:9093";

  /** The ZooKeeper of the ZooKeeper-mode cluster, for the metadata suite's {@code mntr}. */
  public static final String ZOOKEEPER_CONNECT = "127.0.0.1:2181";

  /** The RabbitMQ node: the default virtual host as guest, as in {@code --rabbitmq-uri}. */
  public static final String RABBITMQ_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

  private ExternalDefaults() {}

  /** The port of a {@code host:port} endpoint or of an {@code amqp://} URI. */
  public static int port(String endpoint) {
    if (endpoint.contains("://")) {
      int port = URI.create(endpoint).getPort();
      if (port < 0) {
        throw new IllegalArgumentException("'" + endpoint + "' names no port");
      }
      return port;
    }
    int colon = endpoint.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + endpoint + "' is not host:port");
    }
    return Integer.parseInt(endpoint.substring(colon + 1));
  }

  /** The host of a {@code host:port} endpoint or of an {@code amqp://} URI. */
  public static String host(String endpoint) {
    if (endpoint.contains("://")) {
      return URI.create(endpoint).getHost();
    }
    int colon = endpoint.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + endpoint + "' is not host:port");
    }
    return endpoint.substring(0, colon);
  }
}
