package io.brokerbench.bench.metadata;

import io.brokerbench.bench.metadata.Deadline.PointTimeoutException;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaNode;
import io.brokerbench.brokers.zookeeper.FourLetterWords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The measurements of one point on a running cluster, each asked of the brokers themselves (Admin
 * requests, ZooKeeper's {@code mntr}) or of the operating system ({@code /proc}, the metadata log's
 * files). Every wait polls and gives up at the point's {@link Deadline}.
 */
final class ClusterProbe implements AutoCloseable {
  /** How often a wait asks again: the resolution of the waited-for times. */
  static final Duration POLL = Duration.ofMillis(250);

  /**
   * Partitions per CreateTopics request: a request is one controller operation, and a KRaft
   * controller refuses an operation of more than 10,000 metadata records (one per partition).
   */
  static final int PARTITIONS_PER_REQUEST = 2_000;

  private final KafkaCluster cluster;
  private final Admin admin;

  ClusterProbe(KafkaCluster cluster, Duration budget) {
    this.cluster = cluster;
    this.admin = Admin.create(adminConfig(cluster.bootstrapServers(), budget));
  }

  /**
   * Admin settings for requests that may legitimately take minutes (thousands of topics at once):
   * every request may take the whole budget; the point's deadline, not the client, gives up.
   */
  static Properties adminConfig(String bootstrapServers, Duration budget) {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, budget.toMillis());
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "brokerbench-metadata");
    return props;
  }

  /**
   * Sends CreateTopics for {@code topics} in requests of at most {@value #PARTITIONS_PER_REQUEST}
   * partitions, all at once, and returns when every request is acknowledged.
   */
  void create(List<NewTopic> topics, Deadline deadline) {
    List<KafkaFuture<Void>> acks = new ArrayList<>();
    List<NewTopic> batch = new ArrayList<>();
    int batchPartitions = 0;
    for (NewTopic topic : topics) {
      if (!batch.isEmpty() && batchPartitions + topic.numPartitions() > PARTITIONS_PER_REQUEST) {
        acks.add(send(batch, deadline));
        batch = new ArrayList<>();
        batchPartitions = 0;
      }
      batch.add(topic);
      batchPartitions += topic.numPartitions();
    }
    acks.add(send(batch, deadline));
    for (KafkaFuture<Void> ack : acks) {
      await(ack, deadline, "waiting for CreateTopics to be acknowledged");
    }
  }

  private KafkaFuture<Void> send(List<NewTopic> batch, Deadline deadline) {
    return admin
        .createTopics(batch, new CreateTopicsOptions().timeoutMs((int) deadline.remainingMs()))
        .all();
  }

  /**
   * Waits until each broker reports the logs of {@code replicas} replicas of {@code topics}
   * (DescribeLogDirs) and every partition of them has a leader.
   */
  void awaitCreated(Set<String> topics, long replicas, Deadline deadline) {
    long found = 0;
    while (true) {
      found = logsOf(topics, deadline);
      if (found >= replicas) {
        break;
      }
      sleep(POLL, deadline, String.format("waiting for logs (%,d of %,d exist)", found, replicas));
    }
    while (true) {
      long leaderless = count(topics, deadline, -1);
      if (leaderless == 0) {
        return;
      }
      sleep(
          POLL,
          deadline,
          String.format("waiting for leaders (%,d partitions without one)", leaderless));
    }
  }

  private long logsOf(Set<String> topics, Deadline deadline) {
    List<Integer> ids = cluster.nodes().stream().map(KafkaNode::nodeId).toList();
    Map<Integer, Map<String, LogDirDescription>> dirs =
        await(admin.describeLogDirs(ids).allDescriptions(), deadline, "asking for log dirs");
    long found = 0;
    for (Map<String, LogDirDescription> byPath : dirs.values()) {
      for (LogDirDescription dir : byPath.values()) {
        for (TopicPartition partition : dir.replicaInfos().keySet()) {
          if (topics.contains(partition.topic())) {
            found++;
          }
        }
      }
    }
    return found;
  }

  /**
   * Partitions of {@code topics} that are not online: without a leader, or (for {@code brokerId} of
   * 0 or more) with that broker among their replicas but not in their ISR.
   */
  private long count(Collection<String> topics, Deadline deadline, int brokerId) {
    Map<String, TopicDescription> described =
        await(admin.describeTopics(topics).allTopicNames(), deadline, "describing topics");
    long notOnline = 0;
    for (TopicDescription topic : described.values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        Node leader = partition.leader();
        boolean leaderless = leader == null || leader.isEmpty();
        boolean outOfSync =
            brokerId >= 0
                && partition.replicas().stream().anyMatch(node -> node.id() == brokerId)
                && partition.isr().stream().noneMatch(node -> node.id() == brokerId);
        if (leaderless || outOfSync) {
          notOnline++;
        }
      }
    }
    return notOnline;
  }

  /** Waits until every partition of {@code topics} has a leader and {@code brokerId} is in sync. */
  void awaitOnline(Collection<String> topics, int brokerId, Deadline deadline, String step) {
    while (true) {
      long notOnline = count(topics, deadline, brokerId);
      if (notOnline == 0) {
        return;
      }
      sleep(POLL, deadline, String.format("%s (%,d partitions not online)", step, notOnline));
    }
  }

  /** Deletes {@code topics} and waits until no client lists them any more. */
  void delete(Collection<String> topics, Deadline deadline) {
    await(admin.deleteTopics(topics).all(), deadline, "deleting topics");
    while (true) {
      Set<String> left = await(admin.listTopics().names(), deadline, "listing topics");
      if (topics.stream().noneMatch(left::contains)) {
        return;
      }
      sleep(POLL, deadline, "waiting for deleted topics to go");
    }
  }

  /** A fresh client's listTopics and describeTopics of every topic, in milliseconds. */
  long describeAll(Deadline deadline) {
    try (Admin fresh = Admin.create(adminConfig(cluster.bootstrapServers(), deadline.budget()))) {
      long begin = System.nanoTime();
      Set<String> names = await(fresh.listTopics().names(), deadline, "listing topics");
      Map<String, TopicDescription> described =
          await(fresh.describeTopics(names).allTopicNames(), deadline, "describing every topic");
      long ms = millisSince(begin);
      if (described.size() != names.size()) {
        throw new IllegalStateException(
            "described " + described.size() + " of " + names.size() + " topics listed");
      }
      return ms;
    }
  }

  /** The node id of the active controller: ZooKeeper's elected broker, or the quorum's leader. */
  int activeController(Deadline deadline) {
    if (cluster.spec().mode() == KafkaMode.ZOOKEEPER) {
      return await(admin.describeCluster().controller(), deadline, "finding the controller").id();
    }
    return await(admin.describeMetadataQuorum().quorumInfo(), deadline, "finding the quorum leader")
        .leaderId();
  }

  /**
   * SIGTERM to {@code node} until its process exited, in milliseconds; null when it did not exit
   * within its stop timeout and had to be killed.
   */
  Long controlledShutdown(KafkaNode node) {
    long begin = System.nanoTime();
    node.stop();
    long ms = millisSince(begin);
    return node.lastStopWasClean() ? ms : null;
  }

  /** Starts {@code node} again and waits until all its partitions are online, in milliseconds. */
  long restart(KafkaNode node, Collection<String> topics, Deadline deadline) {
    long begin = System.nanoTime();
    node.start();
    deadline.check("restarting " + node.name());
    awaitOnline(topics, node.nodeId(), deadline, "waiting for " + node.name() + "'s partitions");
    return millisSince(begin);
  }

  /**
   * Makes the active controller a broker that runs with {@code key} = {@code value} (null: Kafka's
   * default), unmeasured: while the controller runs with another value, it is stopped cleanly
   * (another broker takes over at once), given the value and started again until its partitions are
   * online. Each round gives one more broker the value, so it ends after at most one round per
   * broker. A setting such as a ZooKeeper session timeout is read only at a broker's start, and
   * only the killed controller's own one bounds a failover in ZooKeeper mode.
   */
  void controllerWith(String key, String value, Collection<String> topics, Deadline deadline) {
    for (int round = 0; round <= cluster.nodes().size(); round++) {
      KafkaNode controller = cluster.node(activeController(deadline));
      if (Objects.equals(controller.setting(key), value)) {
        return;
      }
      controller.stop();
      startWith(controller, key, value, topics, deadline);
    }
    throw new IllegalStateException(
        "the controller still does not run with " + key + "=" + value + " after every broker does");
  }

  /**
   * Brings every broker to {@code key} = {@code value} (null: Kafka's default), unmeasured: the
   * stopped ones are started with it first, then each running one with another value is stopped
   * cleanly, given it and started again; each time until every partition is online. Stopped ones
   * first, because with one replica per partition no broker's wait can end while another broker
   * that leads some of the partitions is down (a failover that leaves its controller dead waited
   * out its whole point budget here).
   */
  void everyBrokerWith(String key, String value, Collection<String> topics, Deadline deadline) {
    List<KafkaNode> stoppedFirst = new ArrayList<>();
    for (KafkaNode node : cluster.nodes()) {
      if (node.isRunning()) {
        stoppedFirst.add(node);
      } else {
        stoppedFirst.add(0, node);
      }
    }
    for (KafkaNode node : stoppedFirst) {
      boolean running = node.isRunning();
      if (running && Objects.equals(node.setting(key), value)) {
        continue;
      }
      if (running) {
        node.stop();
      }
      startWith(node, key, value, topics, deadline);
    }
  }

  /**
   * Starts the stopped {@code node} with {@code key} = {@code value}, until its partitions are
   * online.
   */
  private void startWith(
      KafkaNode node, String key, String value, Collection<String> topics, Deadline deadline) {
    node.setSetting(key, value);
    node.start();
    deadline.check("restarting " + node.name() + " with " + key + "=" + value);
    awaitOnline(
        topics,
        node.nodeId(),
        deadline,
        "waiting for " + node.name() + "'s partitions after its restart with " + key);
  }

  /**
   * SIGKILL to the active controller until a topic created afterwards has a leader, in
   * milliseconds. The probe topic is placed on a surviving broker by explicit assignment (the
   * cluster may not know yet that the killed one is gone). With {@code restore}, the killed broker
   * is then started again and its partitions brought back online, unmeasured; with {@code
   * restoreSessionTimeoutMs}, it restarts with that {@code zookeeper.session.timeout.ms}.
   */
  long failover(
      String probeTopic,
      Collection<String> topics,
      Deadline deadline,
      boolean restore,
      String restoreSessionTimeoutMs) {
    int controllerId = activeController(deadline);
    KafkaNode controller = cluster.node(controllerId);
    List<KafkaNode> survivors =
        cluster.nodes().stream()
            .filter(node -> node.nodeId() != controllerId && node.isRunning())
            .toList();
    String survivorServers =
        survivors.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
    long ms;
    try (Admin survivorAdmin = Admin.create(adminConfig(survivorServers, deadline.budget()))) {
      long begin = System.nanoTime();
      controller.kill();
      NewTopic probe = new NewTopic(probeTopic, Map.of(0, List.of(survivors.get(0).nodeId())));
      while (true) {
        try {
          survivorAdmin
              .createTopics(
                  List.of(probe), new CreateTopicsOptions().timeoutMs((int) deadline.remainingMs()))
              .all()
              .get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
          break;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            break; // an earlier attempt reached ZooKeeper; the leader is what counts
          }
          sleep(POLL, deadline, "creating a topic after the controller's death: " + e.getCause());
        } catch (TimeoutException e) {
          throw new PointTimeoutException("creating a topic after the controller's death");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      while (true) {
        try {
          TopicDescription described =
              survivorAdmin
                  .describeTopics(List.of(probeTopic))
                  .allTopicNames()
                  .get(deadline.remainingMs(), TimeUnit.MILLISECONDS)
                  .get(probeTopic);
          Node leader = described.partitions().get(0).leader();
          if (leader != null && !leader.isEmpty()) {
            break;
          }
        } catch (ExecutionException e) {
          // not known yet
        } catch (TimeoutException e) {
          throw new PointTimeoutException("waiting for the new controller to elect a leader");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        sleep(POLL, deadline, "waiting for the new controller to elect a leader");
      }
      ms = millisSince(begin);
    }
    if (!restore) {
      return ms;
    }
    if (restoreSessionTimeoutMs != null) {
      controller.setSetting(MetadataSuite.SESSION_TIMEOUT, restoreSessionTimeoutMs);
    }
    controller.start();
    deadline.check("restarting the killed controller " + controller.name());
    awaitOnline(topics, controllerId, deadline, "waiting for the killed controller's partitions");
    return ms;
  }

  /** Resets ZooKeeper's latency statistics ({@code srst}). */
  void resetZooKeeperStats() {
    try {
      FourLetterWords.send(cluster.zookeeper().clientPort(), "srst");
    } catch (IOException e) {
      throw new UncheckedIOException("ZooKeeper did not answer srst", e);
    }
  }

  /** ZooKeeper's {@code mntr}. */
  Map<String, String> mntr() {
    try {
      return FourLetterWords.mntr(cluster.zookeeper().clientPort());
    } catch (IOException e) {
      throw new UncheckedIOException("ZooKeeper did not answer mntr", e);
    }
  }

  /**
   * Bytes of the {@code __cluster_metadata} log's segments and snapshots on the controller that
   * holds the most (they are replicas of one log).
   */
  long metadataLogBytes() {
    long most = 0;
    for (KafkaNode node : cluster.nodes()) {
      if (!node.isController()) {
        continue;
      }
      Path dir = node.logDir().resolve("__cluster_metadata-0");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        long bytes =
            files
                .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".checkpoint"))
                .mapToLong(ClusterProbe::size)
                .sum();
        most = Math.max(most, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return most;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // rolled or cleaned while listed
    }
  }

  /** The resident memory of process {@code pid}, from {@code /proc/<pid>/status}; null if gone. */
  static Long rssBytes(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/" + pid + "/status"))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Open file descriptors of process {@code pid} ({@code /proc/<pid>/fd}); null if gone. */
  static Long openFiles(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Memory maps of process {@code pid} (lines of {@code /proc/<pid>/maps}); null if gone. */
  static Long memoryMaps(long pid) {
    if (pid <= 0) {
      return null;
    }
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/" + pid + "/maps"))) {
      return in.lines().count();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static <T> T await(KafkaFuture<T> future, Deadline deadline, String step) {
    try {
      return future.get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new PointTimeoutException(step);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
          && deadline.passed()) {
        throw new PointTimeoutException(step);
      }
      throw new IllegalStateException(step + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + step, e);
    }
  }

  private static void sleep(Duration pause, Deadline deadline, String step) {
    deadline.check(step);
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + step, e);
    }
  }

  static long millisSince(long beginNs) {
    return (System.nanoTime() - beginNs) / 1_000_000;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
