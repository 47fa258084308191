package io.brokerbench.bench.metadata;

import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.time.Duration;
import java.util.Map;

/**
 * How the sweep's clusters are configured: the broker and ZooKeeper settings beyond Kafka's and
 * ZooKeeper's defaults, each with its reason, the failover timeouts both modes ship with, and the
 * spec each series' cluster starts from. Apart from {@link MetadataSuite} because the measurement
 * ({@link PointMeasurement}, {@link ControllerOperations}) and the report ({@link MetadataTable})
 * read them too.
 */
final class ClusterSettings {
  private ClusterSettings() {}

  /**
   * Broker settings for many partitions, each with its reason. Everything else is Kafka's default,
   * so both modes are measured as they ship.
   */
  static final Map<String, String> BROKER_OVERRIDES =
      Map.of(
          // Each partition preallocates a 10 MiB offset index and a 10 MiB time index, sparse and
          // memory-mapped: 20,000 partitions would map 400 GiB. The sweep's partitions stay empty,
          // and 64 KiB holds 8,192 index entries.
          "log.index.size.max.bytes", Integer.toString(64 * 1024));

  /**
   * The setting after which each mode notices that its controller died, with Kafka 3.9.1's default:
   * the suite leaves both as shipped (a {@link #BROKER_OVERRIDES} entry would win). ZooKeeper mode
   * waits for the dead controller's ZooKeeper session to expire before another broker may take
   * {@code /controller}; in KRaft a voter that hears nothing from the quorum's leader for the fetch
   * timeout starts an election.
   */
  static final Map<KafkaMode, Map.Entry<String, Long>> FAILOVER_TIMEOUTS =
      Map.of(
          KafkaMode.ZOOKEEPER, Map.entry("zookeeper.session.timeout.ms", 18_000L),
          KafkaMode.KRAFT, Map.entry("controller.quorum.fetch.timeout.ms", 2_000L));

  /** {@link #FAILOVER_TIMEOUTS}' value for {@code mode}, or the override the brokers run with. */
  static long failoverTimeoutMs(KafkaMode mode) {
    Map.Entry<String, Long> setting = FAILOVER_TIMEOUTS.get(mode);
    String override = BROKER_OVERRIDES.get(setting.getKey());
    return override == null ? setting.getValue() : Long.parseLong(override);
  }

  /**
   * The ensemble's {@code zoo.cfg} beyond ZooKeeper's defaults. ZooKeeper grants a session timeout
   * between {@code minSessionTimeout} and {@code maxSessionTimeout} only, and the minimum defaults
   * to two ticks: without this, a broker asking for KRaft's 2 s would silently get 4 s. Kafka's 18
   * s default lies inside either bound.
   */
  static final Map<String, String> ZOOKEEPER_OVERRIDES =
      Map.of(
          "minSessionTimeout",
          Long.toString(failoverTimeoutMs(KafkaMode.KRAFT)),
          // ZooKeeper checks for expired sessions once a tick: with 1 s ticks a dead broker's 2 s
          // session ends 2-3 s after its death, not 2-4 s. The ensemble's limits in ticks
          // (initLimit,
          // syncLimit) shrink alike, ample on loopback; 18 s sessions stay within 20 ticks'
          // maximum.
          "tickTime",
          "1000");

  /** The setting that bounds ZooKeeper mode's failover, varied by the equal-timeout failover. */
  static final String SESSION_TIMEOUT = FAILOVER_TIMEOUTS.get(KafkaMode.ZOOKEEPER).getKey();

  /** The spec of {@code mode}'s cluster for a series of {@code plan}. */
  static KafkaClusterSpec spec(MetadataPlan plan, KafkaMode mode) {
    Duration startTimeout =
        plan.pointBudget().compareTo(Duration.ofMinutes(2)) > 0
            ? plan.pointBudget()
            : Duration.ofMinutes(2);
    return new KafkaClusterSpec(
            mode,
            plan.brokers(),
            mode == KafkaMode.KRAFT ? plan.brokers() : 0,
            plan.heap(),
            // checked per point by MetadataSuite.refusal(), so that a series runs up to what fits
            0,
            BROKER_OVERRIDES,
            startTimeout)
        .withZooKeeper(plan.zookeeperNodes(), plan.zookeeperHeap(), ZOOKEEPER_OVERRIDES);
  }
}
