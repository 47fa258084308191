package io.brokerbench.brokers.kafka;

/**
 * A Kafka release that brokerbench can start, each from the classpath its module under {@code
 * classpaths/} resolves from Maven Central. Two run side by side: 3.9.1, the last release that
 * still runs in ZooKeeper mode (the ZooKeeper-against-KRaft comparison needs it), and 4.2.2, which
 * runs in KRaft mode only and has share groups (KIP-932, "queues for Kafka").
 */
public enum KafkaRelease {
  /** Kafka 3.9.1: KRaft or ZooKeeper mode, logging through log4j 1 (reload4j). */
  V3_9("3.9.1"),
  /** Kafka 4.2.2: KRaft only (ZooKeeper mode was removed in 4.0), log4j 2, share groups. */
  V4_2("4.2.2");

  private final String version;
  private final int major;
  private final int minor;

  KafkaRelease(String version) {
    this.version = version;
    String[] parts = version.split("\\.");
    this.major = Integer.parseInt(parts[0]);
    this.minor = Integer.parseInt(parts[1]);
  }

  /** The version, as Maven Central and results spell it ({@code 4.2.2}). */
  public String version() {
    return version;
  }

  /** Whether this release can keep its metadata in ZooKeeper: Kafka 4.0 removed that mode. */
  public boolean runsWithZooKeeper() {
    return major < 4;
  }

  /**
   * Whether the broker logs through log4j 2 (a {@code log4j2.properties} file, since Kafka 4.0)
   * rather than log4j 1 (a {@code log4j.properties} file, reload4j in Kafka 3).
   */
  public boolean logsWithLog4j2() {
    return major >= 4;
  }

  /**
   * Whether the broker has production-ready share groups (since 4.2), whose coordinator keeps its
   * state in an internal topic that must fit the cluster (replication factor 3 by default).
   */
  public boolean hasShareGroups() {
    return major > 4 || (major == 4 && minor >= 2);
  }
}
