package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The systems the suite measures, as its rows name them, and the tiers each offers there. */
class ThroughputPlanTest {
  private static final Set<GuaranteeTier> SINGLE = EnumSet.copyOf(GuaranteeTier.SINGLE_NODE);
  private static final Set<GuaranteeTier> NONE = EnumSet.of(GuaranteeTier.NONE);
  private static final Set<GuaranteeTier> REPLICATED = EnumSet.of(GuaranteeTier.REPLICATED);

  /** A target as the rows see it: system, mode, offered tiers, whether the suite starts it. */
  private record Seen(String system, String mode, Set<GuaranteeTier> offered, boolean started) {
    static Seen of(Target target) {
      return new Seen(target.system, target.mode, target.offered, target.starts != null);
    }
  }

  @Test
  void theFullProfileMeasuresEverySystemAsItsRowsHaveAlwaysNamedIt() {
    List<Seen> seen =
        ThroughputPlan.targets(
                ThroughputSettings.forProfile(Profile.FULL),
                EnumSet.allOf(BenchSystem.class),
                External.NONE)
            .stream()
            .map(Seen::of)
            .toList();
    assertEquals(
        List.of(
            new Seen("in-memory", "in process", EnumSet.of(GuaranteeTier.ACK), false),
            new Seen("kafka-kraft", "kraft, 1 broker", SINGLE, true),
            new Seen("kafka-zookeeper", "zookeeper, 1 broker", SINGLE, true),
            new Seen("rabbitmq", "1 node, classic queues", SINGLE, true),
            new Seen(
                "zeromq",
                "brokerless mesh (PUSH/PULL; PUB/SUB for several subscriptions)",
                NONE,
                false),
            new Seen("zeromq-proxy", "XSUB/XPUB proxy, PUB/SUB", NONE, false),
            new Seen(
                "kafka-kraft",
                "kraft, 3 brokers, replication 3, min.insync.replicas 2",
                REPLICATED,
                true),
            new Seen("rabbitmq", "3 nodes, quorum queues", REPLICATED, true)),
        seen);
  }

  @Test
  void anExternalClusterIsMeasuredWhereItIsAndNotStarted() {
    List<Seen> seen =
        ThroughputPlan.targets(
                ThroughputSettings.forProfile(Profile.QUICK),
                EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ),
                new External("kafka.example:9092", "", "", "amqp://rabbit.example"))
            .stream()
            .map(Seen::of)
            .toList();
    assertEquals(
        List.of(
            new Seen("in-memory", "in process", EnumSet.of(GuaranteeTier.ACK), false),
            new Seen("kafka-kraft", "external, kafka.example:9092", SINGLE, false),
            new Seen("rabbitmq", "external", SINGLE, false)),
        seen);
  }
}
