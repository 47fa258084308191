package io.brokerbench.brokers.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * The shape of a Kafka cluster that brokerbench starts.
 *
 * @param mode KRaft or ZooKeeper
 * @param brokers how many broker processes (1 or 3 in the suites)
 * @param controllers KRaft only: how many of the brokers are also controllers (an odd number, at
 *     most {@code brokers}); the first {@code controllers} nodes run {@code broker,controller}
 * @param heap the broker JVM's {@code -Xms}/{@code -Xmx}, e.g. {@code 1g}
 * @param partitionsPerBroker how many partition replicas each broker is expected to hold at most;
 *     checked against the machine's open-files and memory-map limits before anything starts
 * @param overrides extra {@code server.properties} entries, applied last
 * @param startTimeout how long each broker may take to answer after its start
 * @param zookeeperNodes ZooKeeper mode only: 1 for a standalone server (the default), or an odd
 *     number for an ensemble that survives the loss of a minority
 * @param zookeeperHeap ZooKeeper mode only: each ZooKeeper JVM's {@code -Xms}/{@code -Xmx}, or null
 *     for the launcher's default (256 MiB growing to 512 MiB)
 * @param zookeeperOverrides ZooKeeper mode only: extra {@code zoo.cfg} entries for every server
 * @param release the Kafka release every broker runs (3.9.1 unless a scenario asks for Kafka 4)
 */
public record KafkaClusterSpec(
    KafkaMode mode,
    int brokers,
    int controllers,
    String heap,
    long partitionsPerBroker,
    Map<String, String> overrides,
    Duration startTimeout,
    int zookeeperNodes,
    String zookeeperHeap,
    Map<String, String> zookeeperOverrides,
    KafkaRelease release) {

  /** The broker heap of the Kafka distribution's defaults for a test machine. */
  public static final String DEFAULT_HEAP = "1g";

  public KafkaClusterSpec {
    if (mode == null) {
      throw new IllegalArgumentException("mode: must be kraft or zookeeper, was null");
    }
    if (brokers < 1 || brokers > 9) {
      throw new IllegalArgumentException("brokers: must be 1 to 9, was " + brokers);
    }
    if (mode == KafkaMode.KRAFT
        && (controllers < 1 || controllers > brokers || controllers % 2 == 0)) {
      throw new IllegalArgumentException(
          "controllers: must be an odd number from 1 to brokers ("
              + brokers
              + "), was "
              + controllers);
    }
    if (partitionsPerBroker < 0) {
      throw new IllegalArgumentException(
          "partitionsPerBroker: must be 0 or more, was " + partitionsPerBroker);
    }
    if (zookeeperNodes < 1 || zookeeperNodes % 2 == 0) {
      throw new IllegalArgumentException(
          "zookeeperNodes: must be an odd number, 1 or more, was " + zookeeperNodes);
    }
    if (release == null) {
      throw new IllegalArgumentException("release: must be one of the Kafka releases, was null");
    }
    if (mode == KafkaMode.ZOOKEEPER && !release.runsWithZooKeeper()) {
      throw new IllegalArgumentException(
          "mode: Kafka "
              + release.version()
              + " cannot run in ZooKeeper mode (Kafka 4.0 removed it); use KRaft, or Kafka "
              + KafkaRelease.V3_9.version()
              + " for ZooKeeper mode");
    }
    overrides = Map.copyOf(overrides);
    zookeeperOverrides = Map.copyOf(zookeeperOverrides);
  }

  /** A cluster of Kafka {@value KafkaNode#VERSION}, the release of the ZooKeeper comparison. */
  public KafkaClusterSpec(
      KafkaMode mode,
      int brokers,
      int controllers,
      String heap,
      long partitionsPerBroker,
      Map<String, String> overrides,
      Duration startTimeout,
      int zookeeperNodes,
      String zookeeperHeap,
      Map<String, String> zookeeperOverrides) {
    this(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        KafkaRelease.V3_9);
  }

  /** A cluster whose ZooKeeper mode runs one standalone ZooKeeper with its default heap. */
  public KafkaClusterSpec(
      KafkaMode mode,
      int brokers,
      int controllers,
      String heap,
      long partitionsPerBroker,
      Map<String, String> overrides,
      Duration startTimeout) {
    this(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        1,
        null,
        Map.of());
  }

  /** One broker (in KRaft mode also the controller). */
  public static KafkaClusterSpec single(KafkaMode mode) {
    return of(mode, 1);
  }

  /** {@code brokers} brokers; in KRaft mode every one of them is also a controller. */
  public static KafkaClusterSpec of(KafkaMode mode, int brokers) {
    return new KafkaClusterSpec(
        mode, brokers, brokers, DEFAULT_HEAP, 0, Map.of(), Duration.ofSeconds(120));
  }

  public KafkaClusterSpec withControllers(int controllers) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        release);
  }

  public KafkaClusterSpec withHeap(String heap) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        release);
  }

  public KafkaClusterSpec withPartitionsPerBroker(long partitionsPerBroker) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        release);
  }

  public KafkaClusterSpec withOverrides(Map<String, String> overrides) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        release);
  }

  /**
   * ZooKeeper mode with {@code nodes} ZooKeeper servers (an ensemble when more than one), each with
   * {@code heap} (null: the launcher's default) and {@code overrides} in its {@code zoo.cfg}.
   */
  public KafkaClusterSpec withZooKeeper(int nodes, String heap, Map<String, String> overrides) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        this.heap,
        partitionsPerBroker,
        this.overrides,
        startTimeout,
        nodes,
        heap,
        overrides,
        release);
  }

  /** The same cluster of Kafka {@code release}. */
  public KafkaClusterSpec withRelease(KafkaRelease release) {
    return new KafkaClusterSpec(
        mode,
        brokers,
        controllers,
        heap,
        partitionsPerBroker,
        overrides,
        startTimeout,
        zookeeperNodes,
        zookeeperHeap,
        zookeeperOverrides,
        release);
  }
}
