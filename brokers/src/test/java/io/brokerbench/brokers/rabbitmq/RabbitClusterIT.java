package io.brokerbench.brokers.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Ports;
import io.brokerbench.brokers.rabbitmq.RabbitRoundTrip.QueueType;
import io.brokerbench.brokers.testing.RequiresRabbitMq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three private RabbitMQ nodes form one cluster, serve a quorum queue, take a killed node back,
 * start again as a whole after a stop, and leave no process (nodes, their Erlang helpers, epmd) and
 * no port behind when stopped.
 */
@RequiresRabbitMq
class RabbitClusterIT {
  private static final Set<String> ALL = Set.of("r1@localhost", "r2@localhost", "r3@localhost");

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void threeNodesFormOneClusterAndLeaveNothingBehind() throws Exception {
    List<Long> processes = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try (RabbitCluster cluster = new RabbitCluster(RabbitClusterSpec.of(3))) {
      cluster.start();
      System.out.printf(
          "rabbitmq cluster of 3: formed in %d ms (nodes ready after %s ms)%n",
          cluster.lastStartToReady().toMillis(),
          cluster.nodes().stream()
              .map(node -> Long.toString(node.lastStartToReady().toMillis()))
              .collect(Collectors.joining(", ")));
      assertTrue(cluster.isRunning());
      assertEquals(ALL, cluster.runningNodes());
      assertEquals(
          ALL,
          RabbitCluster.runningNodes(
              cluster.node(3).rabbitmqctl("cluster_status", "--formatter", "json")),
          "node 3 sees the same cluster");

      // A quorum queue declared through node 1 and read through node 3.
      String queue = "cluster-quorum";
      try (Connection connection = RabbitRoundTrip.connect(cluster.node(1).uri())) {
        RabbitRoundTrip.declareDurableQueue(connection, queue, QueueType.QUORUM);
        assertEquals(100, RabbitRoundTrip.publishConfirmed(connection, queue, 100, 1024));
      }
      try (Connection connection = RabbitRoundTrip.connect(cluster.node(3).uri())) {
        assertEquals(
            LongStream.range(0, 100).boxed().collect(Collectors.toList()),
            RabbitRoundTrip.drain(connection, queue));
      }

      // A killed node comes back on its data and rejoins by itself.
      cluster.node(2).kill();
      cluster.node(2).restart();
      System.out.printf(
          "rabbitmq cluster of 3: node 2 restarted after SIGKILL in %d ms%n",
          cluster.node(2).lastStartToReady().toMillis());
      awaitRunning(cluster, Duration.ofSeconds(60));

      // The whole cluster stops and starts again on its data: the nodes find each other.
      cluster.stop();
      assertFalse(cluster.isRunning());
      cluster.start();
      System.out.printf(
          "rabbitmq cluster of 3: restart of the whole cluster after a stop took %d ms%n",
          cluster.lastStartToReady().toMillis());
      assertEquals(ALL, cluster.runningNodes());

      for (Description process : cluster.describeNodes()) {
        ports.addAll(process.ports().values());
        for (long pid : process.pids()) {
          processes.add(pid);
          ProcessHandle.of(pid)
              .ifPresent(handle -> handle.descendants().forEach(d -> processes.add(d.pid())));
        }
      }
      // The script, beam.smp and its helpers for each node, and epmd.
      assertTrue(processes.size() >= 7, "processes: " + processes);

      long begin = System.nanoTime();
      cluster.stop();
      System.out.printf(
          "rabbitmq cluster of 3: clean stop took %d ms%n",
          Duration.ofNanos(System.nanoTime() - begin).toMillis());
      assertFalse(cluster.isRunning());
    }
    // Helpers that beam.smp started in sessions of their own end when it does, not at once.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (processes.stream().anyMatch(RabbitClusterIT::running) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<Long> left =
        processes.stream().filter(RabbitClusterIT::running).collect(Collectors.toList());
    assertTrue(left.isEmpty(), "processes left behind: " + left);
    for (int port : ports) {
      assertTrue(Ports.isFree(port), "port " + port + " is still taken");
    }
  }

  private static void awaitRunning(RabbitCluster cluster, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> running = Set.of();
    while (System.nanoTime() < deadline) {
      running = cluster.runningNodes();
      if (running.equals(ALL)) {
        return;
      }
      Thread.sleep(500);
    }
    assertEquals(ALL, running, "all nodes run again after the restart of node 2");
  }

  /** Alive and not a zombie (which has ended and only waits for its parent to collect it). */
  private static boolean running(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
