package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier replicated in the throughput suite, on the real 3-node clusters the full profile starts:
 * Kafka's 3 KRaft brokers (replication 3, {@code min.insync.replicas} 2, {@code acks=all}) and
 * RabbitMQ's quorum queue on 3 nodes, one short round each. Each is a measured row of its 3-node
 * set-up with its window check; no single node is started for the tier, and ZeroMQ, which has no
 * replicated tier, is a "not offered" row.
 */
@RequiresRabbitMq
class ReplicatedThroughputIT {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void replicatedIsMeasuredOnThreeNodesOfEachBroker(@TempDir Path staging) {
    ThroughputSettings settings =
        new ThroughputSettings(
            1,
            Duration.ofMillis(500),
            0.5,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            1,
            Duration.ofSeconds(2),
            0.25,
            List.of(ThroughputPlan.BASELINE),
            Set.of(BenchSystem.KAFKA_KRAFT),
            20_000,
            null,
            false,
            EnumSet.allOf(GuaranteeTier.class),
            true);
    Set<GuaranteeTier> tiers = EnumSet.of(GuaranteeTier.REPLICATED);
    Set<BenchSystem> systems =
        EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ, BenchSystem.ZEROMQ);
    ThroughputSuite suite =
        new ThroughputSuite(
            settings,
            RunPlan.of(Profile.SMOKE, systems).withTiers(tiers),
            staging,
            new Progress(
                new PrintStream(System.out), ThroughputSuite.steps(settings, systems, tiers)));
    suite.run();
    List<ThroughputRow> rows = suite.rows();
    System.out.println(rows);
    for (BenchSystem system : List.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ)) {
      List<ThroughputRow> ofSystem =
          rows.stream().filter(row -> row.system().equals(system.label())).toList();
      assertEquals(1, ofSystem.size(), "one row of " + system + ": " + rows);
      ThroughputRow row = ofSystem.get(0);
      assertEquals("replicated", row.tier(), row.toString());
      assertEquals(system.underTest().replicatedSetUp().orElseThrow(), row.mode(), row.toString());
      assertTrue(row.ok() && row.msgPerSec() > 0, "measured on 3 nodes: " + row);
      assertTrue(row.windowCheck() != null, "its window checked: " + row);
    }
    ThroughputRow zeromq =
        rows.stream().filter(row -> row.system().equals("zeromq")).findFirst().orElseThrow();
    assertEquals(Status.NOT_OFFERED, zeromq.status(), zeromq.toString());
    assertEquals(2, suite.descriptions().size(), "the two clusters described, no single node");
    assertFalse(rows.stream().anyMatch(row -> row.mode().contains("1 broker")), rows.toString());
  }
}
