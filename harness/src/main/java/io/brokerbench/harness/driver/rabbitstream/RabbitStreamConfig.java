package io.brokerbench.harness.driver.rabbitstream;

import java.time.Duration;

/**
 * Where the stream driver connects and how long it waits.
 *
 * @param host the node's stream listener host, e.g. {@code 127.0.0.1}
 * @param port the node's stream listener port (the {@code rabbitmq_stream} plugin's, 5552 by
 *     default), not the AMQP port
 * @param timeout how long creating or deleting a stream, starting a consumer or closing a producer
 *     may take
 */
public record RabbitStreamConfig(String host, int port, Duration timeout) {
  public RabbitStreamConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: must be given, was '" + host + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "port: must be the node's stream port (1 to 65535), was " + port);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
    }
  }

  /** {@code host:port} with a 30 s timeout. */
  public static RabbitStreamConfig of(String host, int port) {
    return new RabbitStreamConfig(host, port, Duration.ofSeconds(30));
  }

  public RabbitStreamConfig withTimeout(Duration timeout) {
    return new RabbitStreamConfig(host, port, timeout);
  }

  /** {@code host:port}, for messages. */
  public String where() {
    return host + ":" + port;
  }
}
