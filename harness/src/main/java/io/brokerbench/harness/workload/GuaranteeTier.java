package io.brokerbench.harness.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The delivery guarantee a measurement is taken at. Systems are compared only at the same tier, and
 * every result row names its tier. A system that does not offer a tier gets a row that says "not
 * offered"; it is never measured at a weaker tier in its place.
 *
 * <p>How each system provides each tier (DESIGN.md, "Matched workloads"):
 *
 * <table>
 *   <caption>The tiers per system</caption>
 *   <tr><th>tier</th><th>Kafka</th><th>RabbitMQ</th><th>ZeroMQ</th></tr>
 *   <tr><td>{@link #NONE}</td><td>{@code acks=0}</td>
 *       <td>no confirms, transient messages, auto-ack</td>
 *       <td>PUSH/PULL (PUB/SUB for fan-out)</td></tr>
 *   <tr><td>{@link #ACK}</td><td>{@code acks=1}</td>
 *       <td>publisher confirms, transient messages, manual acks</td>
 *       <td>not offered</td></tr>
 *   <tr><td>{@link #DURABLE}</td>
 *       <td>{@code acks=all}, idempotent producer; in cluster runs replication factor 3 and
 *           {@code min.insync.replicas=2}</td>
 *       <td>publisher confirms, persistent messages, durable classic or quorum queue, manual
 *           acks</td>
 *       <td>not offered</td></tr>
 * </table>
 *
 * <p>The in-memory driver offers {@link #NONE} and {@link #ACK} (it acknowledges once a message is
 * in every subscription's queue) and not {@link #DURABLE}: nothing in it survives a crash.
 */
public enum GuaranteeTier {
  /** Fire and forget: the producer learns nothing about the message's fate. */
  NONE,
  /** The broker has the message: a send completes with the broker's acknowledgement. */
  ACK,
  /** The message survives the crash of a broker (or of the one broker) once acknowledged. */
  DURABLE;

  /**
   * The name used in workload files and result rows: {@code none}, {@code ack}, {@code durable}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The tier named {@code key} ({@code none}, {@code ack} or {@code durable}, any case).
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

  /** {@code none, ack, durable}, for messages. */
  public static String validKeys() {
    return Arrays.stream(values()).map(GuaranteeTier::key).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return key();
  }
}
