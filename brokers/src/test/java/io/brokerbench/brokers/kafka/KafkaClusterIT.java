package io.brokerbench.brokers.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.brokers.Description;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 3-broker cluster in each mode forms, replicates a topic, and stops leaving nothing behind. */
class KafkaClusterIT {

  /**
   * KRaft with 3 controllers, KRaft with 1 controller and 2 pure brokers, ZooKeeper mode with one
   * ZooKeeper, and ZooKeeper mode on a 3-server ensemble (a negative count: ZooKeeper servers).
   */
  @ParameterizedTest(name = "{0} with {1} controller(s)")
  @CsvSource({"KRAFT, 3", "KRAFT, 1", "ZOOKEEPER, 0", "ZOOKEEPER, -3"})
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void threeBrokersFormReplicateAndStop(KafkaMode mode, int controllers) throws Exception {
    List<Long> pids = new ArrayList<>();
    // 512 MiB heaps: three brokers and ZooKeeper share the test machine with the build.
    KafkaClusterSpec spec = KafkaClusterSpec.of(mode, 3).withHeap("512m");
    if (mode == KafkaMode.KRAFT) {
      spec = spec.withControllers(controllers);
    }
    int zookeepers = controllers < 0 ? -controllers : mode == KafkaMode.ZOOKEEPER ? 1 : 0;
    if (controllers < 0) {
      spec = spec.withZooKeeper(zookeepers, "256m", java.util.Map.of());
    }
    try (KafkaCluster kafka = new KafkaCluster(spec)) {
      kafka.start();
      System.out.printf(
          "kafka %s, 3 brokers, %d controller(s): formed in %d ms%n",
          mode.label(), controllers, kafka.lastStartToReady().toMillis());
      try (Admin admin = kafka.admin()) {
        // start() saw all three; on two loaded cores a broker can be fenced for a moment after a
        // missed heartbeat and come back, so the test asks for a while rather than once.
        int seen = 0;
        for (int attempt = 0; attempt < 60 && seen != 3; attempt++) {
          if (attempt > 0) {
            Thread.sleep(500);
          }
          seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        }
        assertEquals(3, seen, "brokers visible to an Admin client");
      }
      KafkaRoundTrip.createTopic(kafka.bootstrapServers(), "replicated", 3, (short) 3);
      Set<Long> acked =
          KafkaRoundTrip.produceDurable(kafka.bootstrapServers(), "replicated", 300, 100);
      assertEquals(300, acked.size());
      assertEquals(
          acked,
          KafkaRoundTrip.consume(
              kafka.bootstrapServers(), "replicated", 300, Duration.ofSeconds(60)));

      Description described = kafka.describe();
      pids.addAll(described.pids());
      assertEquals(3 + zookeepers, pids.size(), "brokers (+ ZooKeeper)");
      if (zookeepers > 1) {
        // One ensemble, not three standalone servers: each member names the others' as peers.
        assertEquals(zookeepers, kafka.zookeepers().size());
        for (var member : kafka.zookeepers()) {
          String srvr =
              io.brokerbench.brokers.zookeeper.FourLetterWords.send(member.clientPort(), "srvr");
          assertTrue(srvr.contains("Mode: leader") || srvr.contains("Mode: follower"), srvr);
        }
      }
      assertEquals(mode.label(), described.mode());
    }
    for (long pid : pids) {
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "process " + pid + " outlived the cluster");
    }
    assertTrue(pids.stream().allMatch(pid -> pid > 0));
  }
}
