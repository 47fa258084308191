package io.brokerbench.harness.workload;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The delivery guarantee a measurement is taken at, defined by the failure an acknowledged message
 * survives. Systems are compared only at the same tier, and every result row names its tier. A
 * system that does not offer a tier gets a row that says "not offered"; it is never measured at a
 * weaker tier in its place.
 *
 * <p>How each system provides each tier (docs/tiers.md has the reasons):
 *
 * <table>
 *   <caption>The tiers per system</caption>
 *   <tr><th>tier</th><th>survives</th><th>Kafka</th><th>RabbitMQ</th><th>ZeroMQ</th></tr>
 *   <tr><td>{@link #NONE}</td><td>nothing promised</td><td>{@code acks=0}</td>
 *       <td>no confirms, transient messages, auto-ack</td>
 *       <td>PUSH/PULL (PUB/SUB for fan-out)</td></tr>
 *   <tr><td>{@link #ACK}</td><td>the producer's crash after the ack</td><td>{@code acks=1}</td>
 *       <td>publisher confirms, transient messages, manual acks</td>
 *       <td>not offered</td></tr>
 *   <tr><td>{@link #DURABLE}</td><td>the crash of the node (on disk before the ack)</td>
 *       <td>{@code acks=all}, idempotent producer, topic {@code flush.messages=1}</td>
 *       <td>publisher confirms, persistent messages, durable classic queue, manual acks</td>
 *       <td>not offered</td></tr>
 *   <tr><td>{@link #REPLICATED}</td><td>the loss of any one of 3 nodes with its disk</td>
 *       <td>replication factor 3, {@code min.insync.replicas=2}, {@code acks=all}, idempotent
 *       producer</td>
 *       <td>publisher confirms, persistent messages, quorum queue on 3 nodes, manual acks</td>
 *       <td>not offered</td></tr>
 * </table>
 *
 * <p>The in-memory driver offers {@link #NONE} and {@link #ACK} (it acknowledges once a message is
 * in every subscription's queue): nothing in it survives a crash. {@link #REPLICATED} needs a
 * cluster of at least 3 nodes; a driver set up for fewer does not offer it.
 */
public enum GuaranteeTier {
  /** Fire and forget: the producer learns nothing about the message's fate. */
  NONE,
  /** The broker has the message: a send completes with the broker's acknowledgement. */
  ACK,
  /** On the disk of the node before the acknowledgement: survives that node's crash. */
  DURABLE,
  /** On a majority of 3 nodes before the acknowledgement: survives losing one node and its disk. */
  REPLICATED;

  /** The tiers one node can give, in order: every tier but {@link #REPLICATED}. */
  public static final List<GuaranteeTier> SINGLE_NODE = List.of(NONE, ACK, DURABLE);

  /** The tiers of {@code chosen} that one node can give ({@link #SINGLE_NODE}); maybe none. */
  public static Set<GuaranteeTier> singleNode(Set<GuaranteeTier> chosen) {
    Set<GuaranteeTier> tiers = EnumSet.noneOf(GuaranteeTier.class);
    for (GuaranteeTier tier : chosen) {
      if (SINGLE_NODE.contains(tier)) {
        tiers.add(tier);
      }
    }
    return tiers;
  }

  /**
   * Whether the producer waits for the message to be stored to survive a crash: {@link #DURABLE}
   * and {@link #REPLICATED} (persistent messages, {@code acks=all}).
   */
  public boolean persistent() {
    return this == DURABLE || this == REPLICATED;
  }

  /**
   * The name used in workload files and result rows: {@code none}, {@code ack}, {@code durable},
   * {@code replicated}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The tier named {@code key} ({@code none}, {@code ack}, {@code durable} or {@code replicated},
   * any case).
   *
   * @throws IllegalArgumentException naming the bad value and the valid ones
   */
  public static GuaranteeTier fromKey(String key) {
    for (GuaranteeTier tier : values()) {
      if (tier.key().equalsIgnoreCase(key.strip())) {
        return tier;
      }
    }
    throw new IllegalArgumentException(
        "'" + key + "' is not a guarantee tier; use one of " + validKeys());
  }

  /** {@code none, ack, durable, replicated}, for messages. */
  public static String validKeys() {
    return Arrays.stream(values()).map(GuaranteeTier::key).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return key();
  }
}
