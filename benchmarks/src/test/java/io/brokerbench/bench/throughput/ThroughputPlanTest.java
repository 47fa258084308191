package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.UserWorkloads;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                ThroughputSettings.forProfile(Profile.FULL), BenchSystem.all(), External.NONE)
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

  @Test
  void aUsersWorkloadsRunInsteadOfTheBundledOnesWithoutTheVendorsToolsOrBesideThem(
      @TempDir Path root) throws IOException {
    Path file =
        Files.writeString(
            root.resolve("1-topic-1-partition-1kb.yaml"),
            "topics: 1\npartitionsPerTopic: 2\nmessageSize: 256\nsubscriptionsPerTopic: 1\n"
                + "producersPerTopic: 1\nconsumerPerSubscription: 1\nproducerRate: 1000\n"
                + "testDurationMinutes: 1\nwarmupDurationMinutes: 0\ntier: ack\n");
    ThroughputSettings quick = ThroughputSettings.forProfile(Profile.QUICK);
    Target rabbit =
        ThroughputPlan.targets(quick, EnumSet.of(BenchSystem.RABBITMQ), External.NONE).get(1);

    ThroughputSettings instead =
        quick.withWorkloads(UserWorkloads.parse(file.toString(), Path.of("/")));
    List<Cell> cells = ThroughputPlan.cells(instead, SINGLE, rabbit);

    assertEquals(List.of(file.toString()), instead.workloads());
    assertTrue(cells.stream().allMatch(cell -> cell.vendor() == null), cells::toString);
    assertTrue(instead.parityTiers().isEmpty());
    // Named by the file, never its path, and never as the bundled workload it shares a name with.
    assertEquals("rabbitmq-ack-1-topic-1-partition-1kb.yaml", cells.get(1).name(), cells::toString);

    ThroughputSettings beside = quick.withWorkloads(UserWorkloads.parse("+" + file, Path.of("/")));
    assertEquals(List.of(ThroughputPlan.BASELINE, file.toString()), beside.workloads());
    assertEquals(quick.parityTiers(), beside.parityTiers());
    assertEquals(quick, quick.withWorkloads(UserWorkloads.NONE));
  }
}
