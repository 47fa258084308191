package io.brokerbench.bench.metadata;

import io.brokerbench.bench.metadata.Deadline.PointTimeoutException;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

/**
 * The measurements of one point that Kafka's Admin client asks of a running cluster: creating
 * topics, waiting until they are online, describing every topic, deleting. It owns the point's one
 * Admin client and the waits that poll and give up at the point's {@link Deadline}, which {@link
 * ControllerOperations} shares; {@link MetadataStoreProbe} and {@link ProcessFigures} read what
 * Admin does not show.
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

  KafkaCluster cluster() {
    return cluster;
  }

  Admin admin() {
    return admin;
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

  static <T> T await(KafkaFuture<T> future, Deadline deadline, String step) {
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

  static void sleep(Duration pause, Deadline deadline, String step) {
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
