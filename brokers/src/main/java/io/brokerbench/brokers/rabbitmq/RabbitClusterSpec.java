package io.brokerbench.brokers.rabbitmq;

import java.time.Duration;
import java.util.Map;

/**
 * The shape of a RabbitMQ cluster that brokerbench starts.
 *
 * @param nodes how many nodes (1 or 3 in the suites; at most 9)
 * @param overrides extra rabbitmq.conf entries, applied after brokerbench's own
 * @param startTimeout how long each node may take to answer after its start, and the cluster to
 *     show all its nodes running after the last one joined
 * @param streams whether each node enables the {@code rabbitmq_stream} plugin (RabbitMQ Streams'
 *     own binary protocol, on a loopback listener of its own)
 */
public record RabbitClusterSpec(
    int nodes, Map<String, String> overrides, Duration startTimeout, boolean streams) {

  public RabbitClusterSpec {
    if (nodes < 1 || nodes > 9) {
      throw new IllegalArgumentException("nodes: must be 1 to 9, was " + nodes);
    }
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout: must be positive, was " + startTimeout);
    }
    overrides = Map.copyOf(overrides);
  }

  /** One node. */
  public static RabbitClusterSpec single() {
    return of(1);
  }

  /**
   * {@code nodes} nodes. A node boots in about 5 s here; 120 s leaves room for a slow, shared
   * machine and for a restart that recovers a large message store.
   */
  public static RabbitClusterSpec of(int nodes) {
    return new RabbitClusterSpec(nodes, Map.of(), Duration.ofSeconds(120), false);
  }

  public RabbitClusterSpec withOverrides(Map<String, String> overrides) {
    return new RabbitClusterSpec(nodes, overrides, startTimeout, streams);
  }

  public RabbitClusterSpec withStartTimeout(Duration startTimeout) {
    return new RabbitClusterSpec(nodes, overrides, startTimeout, streams);
  }

  /** The same cluster with the stream plugin enabled on every node. */
  public RabbitClusterSpec withStreams() {
    return new RabbitClusterSpec(nodes, overrides, startTimeout, true);
  }
}
