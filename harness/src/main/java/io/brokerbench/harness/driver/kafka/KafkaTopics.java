package io.brokerbench.harness.driver.kafka;

import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A trial's topics on the Kafka cluster, through the Admin client: created fresh, awaited until
 * every partition is online, deleted at the end. Apart from {@link KafkaDriver} so that the driver
 * reads as the contract's producers and consumers, and the admin's waiting and error handling (the
 * longest part of a trial's set-up) sits in one place.
 *
 * <p>KRaft acknowledges a topic's creation before the brokers have created its logs, so {@link
 * #awaitOnline} asks the leader for each partition's end offset, which it can give only once the
 * log exists.
 */
final class KafkaTopics {
  /** Between two questions to the broker while a topic comes online: short, it takes ~100 ms. */
  private static final long ONLINE_POLL_MS = 50;

  private final KafkaDriverConfig config;
  private final Topology topology;
  private final String where;
  private final List<String> topicsToDelete = new ArrayList<>();
  private Admin admin;

  /**
   * Creates the admin client.
   *
   * @param where names the cluster in messages
   * @throws DriverException if the admin client could not be created
   */
  KafkaTopics(KafkaDriverConfig config, Topology topology, String where) throws DriverException {
    this.config = config;
    this.topology = topology;
    this.where = where;
    try {
      admin = Admin.create(config.adminConfig(topology.trialId() + "-admin"));
    } catch (KafkaException e) {
      throw new DriverException(where + ": could not create the admin client: " + e, e);
    }
  }

  /** Creates every topic of the trial, fresh, with {@code tier}'s topic settings. */
  void create(GuaranteeTier tier, long deadlineNs) throws DriverException {
    List<NewTopic> topics = new ArrayList<>();
    for (int t = 0; t < topology.topics(); t++) {
      topics.add(
          new NewTopic(
                  topology.topicName(t),
                  topology.partitionsPerTopic(),
                  (short) config.replicationFactor())
              .configs(config.topicConfig(tier)));
    }
    Map<String, KafkaFuture<Void>> results;
    // Deleted on close even if the answer never comes: the names are this trial's alone.
    topics.forEach(topic -> topicsToDelete.add(topic.name()));
    try {
      results = admin.createTopics(topics).values();
    } catch (KafkaException e) {
      throw new DriverException(where + ": creating topics failed: " + e, e);
    }
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      String topic = result.getKey();
      String what =
          "creating topic "
              + topic
              + " ("
              + topology.partitionsPerTopic()
              + " partitions, replication factor "
              + config.replicationFactor()
              + ")";
      try {
        result.getValue().get(KafkaDriver.remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          topicsToDelete.remove(topic);
          throw new DriverException(
              where
                  + ": "
                  + what
                  + ": it exists already; a trial needs fresh, empty topics, so give each trial"
                  + " an id not used on this cluster before",
              e.getCause());
        }
        throw new DriverException(where + ": " + what + " failed: " + e.getCause(), e);
      } catch (TimeoutException e) {
        throw new DriverException(
            where + ": " + what + " timed out after " + KafkaDriver.readyTimeout(config), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(where + ": " + what + " was interrupted", e);
      }
    }
  }

  /**
   * Asks until every partition of the trial is online: a leader, every replica in sync, and the
   * leader answering for it (an end offset from its log).
   */
  void awaitOnline(long deadlineNs) throws DriverException {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < topology.topics(); t++) {
      names.add(topology.topicName(t));
    }
    String notYet;
    while (true) {
      try {
        notYet = offline(names, deadlineNs);
        if (notYet == null) {
          return;
        }
      } catch (ExecutionException e) {
        notYet = String.valueOf(e.getCause());
      } catch (TimeoutException e) {
        notYet = "the broker did not answer";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(where + ": interrupted while waiting for " + names, e);
      }
      if (System.nanoTime() - deadlineNs >= 0) {
        throw new DriverException(
            where
                + ": topics "
                + names
                + " were created but did not come online within "
                + KafkaDriver.readyTimeout(config)
                + ": "
                + notYet);
      }
      try {
        Thread.sleep(ONLINE_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException(where + ": interrupted while waiting for " + names, e);
      }
    }
  }

  /** What is not online yet, or null when everything is. */
  private String offline(List<String> names, long deadlineNs)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, TopicDescription> described =
        admin
            .describeTopics(names)
            .allTopicNames()
            .get(KafkaDriver.remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
    for (TopicDescription topic : described.values()) {
      if (topic.partitions().size() != topology.partitionsPerTopic()) {
        return "topic "
            + topic.name()
            + " has "
            + topic.partitions().size()
            + " of "
            + topology.partitionsPerTopic()
            + " partitions";
      }
      for (TopicPartitionInfo partition : topic.partitions()) {
        String name = topic.name() + "-" + partition.partition();
        if (partition.leader() == null || partition.leader().isEmpty()) {
          return "partition " + name + " has no leader yet";
        }
        if (partition.isr().size() < partition.replicas().size()) {
          return "partition "
              + name
              + " has "
              + partition.isr().size()
              + " of "
              + partition.replicas().size()
              + " replicas in sync";
        }
        ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
      }
    }
    // Only a leader that has the partition's log answers this.
    admin.listOffsets(ends).all().get(KafkaDriver.remainingMs(deadlineNs), TimeUnit.MILLISECONDS);
    return null;
  }

  /**
   * Deletes the trial's topics and closes the admin client; adds to {@code problems} what failed.
   */
  void close(List<String> problems) {
    if (!topicsToDelete.isEmpty()) {
      deleteTopics(problems);
    }
    try {
      // Every answer worth waiting for was awaited above; abandon whatever is still pending (a
      // dead broker's) rather than wait for it once more.
      admin.close(Duration.ZERO);
    } catch (RuntimeException e) {
      problems.add("closing the admin client failed: " + e);
    }
  }

  private void deleteTopics(List<String> problems) {
    try {
      admin
          .deleteTopics(topicsToDelete)
          .all()
          .get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        problems.add("deleting topics " + topicsToDelete + " failed: " + e.getCause());
      }
    } catch (TimeoutException e) {
      problems.add(
          "deleting topics "
              + topicsToDelete
              + " timed out after "
              + config.closeTimeout().toSeconds()
              + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while deleting topics " + topicsToDelete);
    }
    topicsToDelete.clear();
  }
}
