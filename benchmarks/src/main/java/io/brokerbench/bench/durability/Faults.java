package io.brokerbench.bench.durability;

import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaNode;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How each {@link Fault} is done to running brokers, as a {@link CrashTrial.Fault}: what happens,
 * in which order, and the note it leaves for the row. {@code down} runs the moment the fault has
 * taken effect; the recovery is timed from then.
 */
final class Faults {
  private Faults() {}

  /** {@code fault}, a {@link Fault.Kill} or a {@link Fault.Pause}, done to the only node. */
  static CrashTrial.Fault onNode(Fault fault, Broker node, Duration outage) {
    if (fault instanceof Fault.Pause pause) {
      return down -> pauseAndResume(node, pause.frozen(), down);
    }
    if (fault instanceof Fault.Kill) {
      return down -> killAndRestart(node, outage, down);
    }
    throw new IllegalArgumentException(fault.label() + " is not a fault of one node");
  }

  /** A {@link Fault.LeaderLoss} of the partition leader of {@code trialId}'s first topic. */
  static CrashTrial.Fault leaderLoss(
      Fault.LeaderLoss fault, KafkaCluster kafka, String trialId, Duration outage) {
    return down -> {
      String topic = trialId + "-t0";
      KafkaNode leader =
          kafka.node(
              kafka
                  .leaderOf(topic, 0)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(topic + "-0 has no leader before the fault")));
      return "leader was node "
          + leader.nodeId()
          + "; "
          + loseWithFollowersBehind(
              leader, kafka.nodes(), trialId, fault.followersBehind(), outage, down);
    };
  }

  /** A {@link Fault.QueueLeaderLoss} of the leader of {@code trialId}'s quorum queue. */
  static CrashTrial.Fault queueLeaderLoss(RabbitCluster rabbit, String trialId) {
    return down -> {
      RabbitNode leader = rabbit.queueLeader(trialId);
      leader.kill();
      long files = deleteTree(leader.dataDir());
      down.run();
      return "leader was "
          + leader.nodeName()
          + "; SIGKILL, deleted its data directory ("
          + files
          + " files), left down";
    };
  }

  /**
   * Freezes a broker for {@code frozen}, then thaws it: the process keeps its sockets and its data,
   * the clients see a broker that does not answer.
   */
  static String pauseAndResume(Broker node, Duration frozen, Runnable down)
      throws InterruptedException {
    node.pause();
    down.run();
    Thread.sleep(frozen.toMillis());
    long began = System.nanoTime();
    node.resume();
    return "SIGSTOP for "
        + frozen.toMillis()
        + " ms, answering again "
        + (System.nanoTime() - began) / 1_000_000
        + " ms after SIGCONT";
  }

  /** SIGKILL of one broker process, {@code outage}, and its restart on the same data. */
  static String killAndRestart(Broker node, Duration outage, Runnable down)
      throws InterruptedException {
    node.kill();
    down.run();
    Thread.sleep(outage.toMillis());
    long began = System.nanoTime();
    node.restart();
    return "SIGKILL, down "
        + outage.toMillis()
        + " ms, restart took "
        + (System.nanoTime() - began) / 1_000_000
        + " ms";
  }

  /**
   * Freezes the followers, kills the leader after {@code followersBehind}, deletes the leader's
   * copy of the trial's partitions (the node is lost with its disk, as far as the trial's data
   * goes: the broker keeps its identity and its share of the metadata log, so it can rejoin), thaws
   * the followers, and restarts the leader, which copies the partition back from the new leader.
   */
  private static String loseWithFollowersBehind(
      KafkaNode leader,
      List<KafkaNode> nodes,
      String trialId,
      Duration followersBehind,
      Duration outage,
      Runnable down)
      throws InterruptedException {
    List<KafkaNode> followers = nodes.stream().filter(node -> node != leader).toList();
    AtomicLong deleted = new AtomicLong();
    followers.forEach(KafkaNode::pause);
    try {
      Thread.sleep(followersBehind.toMillis());
      return killAndRestart(
              leader,
              outage,
              () -> {
                deleted.set(deletePartitions(leader, trialId));
                followers.forEach(KafkaNode::resume);
                down.run();
              })
          + "; deleted "
          + deleted.get()
          + " files of the trial's partitions from the leader before its restart";
    } finally {
      // A failure before the kill leaves no broker frozen behind it.
      for (KafkaNode follower : followers) {
        follower.resume();
      }
    }
  }

  /**
   * Deletes {@code node}'s directories of the trial's partitions ({@code <trialId>-t<topic>-<p>} in
   * its log directory), while it is down; returns how many files they held.
   */
  static long deletePartitions(KafkaNode node, String trialId) {
    long files = 0;
    try (Stream<Path> dirs = Files.list(node.logDir())) {
      for (Path dir :
          dirs.filter(d -> d.getFileName().toString().startsWith(trialId + "-t")).toList()) {
        files += deleteTree(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not delete the trial's partitions from " + node.logDir(), e);
    }
    if (files == 0) {
      throw new IllegalStateException(
          "node " + node.nodeId() + " held no partition of " + trialId + " in " + node.logDir());
    }
    return files;
  }

  /** Deletes {@code dir} and everything in it; returns how many files it held. */
  static long deleteTree(Path dir) {
    long files = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(path)) {
          files++;
        }
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
    return files;
  }
}
