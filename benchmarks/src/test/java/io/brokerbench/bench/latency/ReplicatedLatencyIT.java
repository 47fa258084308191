package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tier replicated on real 3-node clusters, at the smoke profile's one rate: Kafka on 3 KRaft
 * brokers with replication 3 and {@code min.insync.replicas} 2, RabbitMQ's quorum queue on 3 nodes.
 * Each is measured (sustained or saturated), never "not offered" or failed.
 */
@RequiresRabbitMq
class ReplicatedLatencyIT {

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void replicatedIsMeasuredOnThreeNodesOfEachBroker() {
    LatencySettings smoke = LatencySettings.forProfile(Profile.SMOKE).withReplicated(true);
    LatencySuite suite =
        new LatencySuite(
            smoke,
            RunPlan.of(Profile.SMOKE, Set.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ)),
            null,
            new Progress(System.out, 8));
    suite.replicated(BenchSystem.KAFKA_KRAFT);
    suite.replicated(BenchSystem.RABBITMQ);
    List<LatencyRow> rows = suite.rows();
    System.out.println(rows);
    for (BenchSystem system : List.of(BenchSystem.KAFKA_KRAFT, BenchSystem.RABBITMQ)) {
      List<LatencyRow> ofSystem =
          rows.stream().filter(row -> row.system().equals(system.label())).toList();
      assertFalse(ofSystem.isEmpty(), "no row of " + system);
      for (LatencyRow row : ofSystem) {
        assertEquals("replicated", row.tier(), row.toString());
        assertEquals(
            system.underTest().replicatedSetUp().orElseThrow(), row.mode(), row.toString());
        assertTrue(
            row.status().equals(Status.OK) || row.status().equals(Status.SATURATED),
            "measured on 3 nodes: " + row);
      }
      assertTrue(
          ofSystem.stream().anyMatch(row -> row.achievedPerSec() > 0),
          "messages went through the 3-node " + system + ": " + ofSystem);
    }
    assertEquals(2, suite.descriptions().size(), "each cluster described");
  }
}
