package io.brokerbench.brokers.kafka;

import java.util.Locale;

/** How a Kafka cluster keeps its metadata. */
public enum KafkaMode {
  /** In a Raft quorum of Kafka controllers (KIP-500): no ZooKeeper. */
  KRAFT,
  /** In a ZooKeeper ensemble, with one broker elected as controller. */
  ZOOKEEPER;

  /** The lower-case name used in results ({@code kraft}, {@code zookeeper}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
