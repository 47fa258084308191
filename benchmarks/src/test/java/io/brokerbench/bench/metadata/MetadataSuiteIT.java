package io.brokerbench.bench.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The smallest real point in both modes on 3-broker clusters, ZooKeeper mode on a 3-server
 * ensemble: every figure measured (both failovers in ZooKeeper mode), every process gone and every
 * data directory deleted afterwards.
 */
class MetadataSuiteIT {
  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void theSmallestPointMeasuresEveryFigureInBothModesAndLeavesNothingBehind() throws Exception {
    MetadataPlan plan =
        new MetadataPlan(
            // A second point, creation only: the cluster must be whole again after the first
            // point's failovers, one of which leaves its controller dead until the restore.
            List.of(100, 200),
            List.of(Shape.MANY_TOPICS),
            List.of(KafkaMode.ZOOKEEPER, KafkaMode.KRAFT),
            1,
            3,
            Duration.ofMinutes(2),
            Set.of(Shape.MANY_TOPICS),
            Set.of(100),
            // 512 MiB heaps: three brokers and ZooKeeper share the test machine with the build.
            "512m",
            3,
            "256m",
            true,
            true);
    MetadataSuite suite =
        new MetadataSuite(
            plan, new Progress(new PrintStream(System.out), MetadataSuite.steps(plan)));
    suite.run();

    List<MetadataRow> all = suite.rows();
    assertEquals(4, all.size(), all.toString());
    for (MetadataRow row : all) {
      assertEquals(Status.OK, row.status(), row.mode() + ": " + row);
    }
    List<MetadataRow> rows = all.stream().filter(row -> row.partitions() == 100).toList();
    assertEquals(2, rows.size(), all.toString());
    for (MetadataRow row : rows) {
      String where = row.mode() + ": " + row;
      assertEquals(Status.OK, row.status(), where);
      assertEquals(100, row.partitions(), where);
      assertEquals(100, row.topics(), where);
      assertEquals(100, row.createdPartitions(), where);
      assertTrue(row.createAckMs() >= 0, where);
      assertTrue(row.createOnlineMs() >= row.createAckMs(), "online after ack: " + where);
      assertTrue(row.describeAllMs() > 0, where);
      assertTrue(row.controlledShutdownMs() > 0, where);
      assertTrue(row.restartMs() > 0, where);
      // A new controller takes at least an election; ZooKeeper mode waits out a session.
      assertTrue(row.controllerFailoverMs() > 100, where);
      assertEquals(3, row.brokerRssBytesEach().size(), where);
      // Each broker holds about 34 partitions here: its jars, sockets and JVM dominate.
      assertTrue(row.brokerOpenFiles() > 30, where);
      assertTrue(row.brokerMemoryMaps() > 100, where);
      assertTrue(row.brokerRssBytes() > 50L << 20, "a broker JVM holds more than 50 MiB: " + where);
    }
    MetadataRow zk =
        rows.stream().filter(row -> row.mode().equals("zookeeper")).findFirst().orElseThrow();
    assertEquals("zookeeper", zk.mode());
    // Every one-partition topic is several znodes: the topic, its partitions, their state.
    assertTrue(zk.znodes() > 300, zk.toString());
    assertNotNull(zk.zkAvgLatencyMs());
    assertTrue(zk.zkMaxLatencyMs() >= zk.zkAvgLatencyMs(), zk.toString());
    assertTrue(zk.zkRssBytes() > 10L << 20, zk.toString());
    assertNull(zk.metadataLogBytes());
    assertEquals(18_000L, zk.failoverTimeoutMs(), zk.toString());
    assertEquals(2_000L, zk.equalFailoverTimeoutMs(), zk.toString());
    // Its killed controller's session now ends after 2 s, not 18 s.
    assertTrue(zk.failoverAtEqualTimeoutMs() > 100, zk.toString());
    assertTrue(zk.failoverAtEqualTimeoutMs() < zk.controllerFailoverMs(), zk.toString());
    MetadataRow kraft =
        rows.stream().filter(row -> row.mode().equals("kraft")).findFirst().orElseThrow();
    assertEquals("kraft", kraft.mode());
    assertNull(kraft.znodes());
    assertNull(kraft.zkRssBytes());
    assertEquals(2_000L, kraft.failoverTimeoutMs(), kraft.toString());
    assertNull(kraft.failoverAtEqualTimeoutMs(), kraft.toString());
    assertTrue(kraft.metadataLogBytes() > 1_000, kraft.toString());

    assertEquals(2, suite.descriptions().size());
    Description zkCluster =
        suite.descriptions().stream()
            .filter(d -> d.mode().equals("zookeeper"))
            .findFirst()
            .orElseThrow();
    assertEquals("3", zkCluster.config().get("zookeeperNodes"), zkCluster.toString());
    for (Description cluster : suite.descriptions()) {
      for (long pid : cluster.pids()) {
        assertFalse(
            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "process " + pid + " of " + cluster.name() + " outlived its series");
      }
    }
    Path work = io.brokerbench.brokers.Work.root();
    if (Files.isDirectory(work)) {
      try (var left = Files.list(work)) {
        assertTrue(
            left.noneMatch(dir -> dir.getFileName().toString().contains("meta-")),
            "the clusters' directories are deleted");
      }
    }
  }
}
