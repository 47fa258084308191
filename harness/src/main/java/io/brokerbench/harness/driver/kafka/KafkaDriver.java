package io.brokerbench.harness.driver.kafka;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BacklogDriver;
import io.brokerbench.harness.driver.Closing;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.TierNotOfferedException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka driver: a trial's topics made with the Admin client, one {@code KafkaProducer} per
 * producer, one {@code KafkaConsumer} with its own poll thread per consumer (kafka-clients 3.9).
 *
 * <p>Tiers ({@link GuaranteeTier}): {@code none} is {@code acks=0}, {@code ack} is {@code acks=1},
 * {@code durable} is {@code acks=all} with the idempotent producer on topics that fsync every
 * append ({@code flush.messages=1}), {@code replicated} is {@code acks=all} with the idempotent
 * producer on topics of 3 replicas with {@link KafkaDriverConfig#replicatedMinInsyncReplicas} of 2
 * (offered only on such a cluster). Every tier uses {@link KafkaDriverConfig#replicationFactor}
 * replicas. Every client setting is in {@link KafkaDriverConfig}, with its reason.
 *
 * <p>Topics are named by the {@link Topology} ({@code <trialId>-t<topic>}), created fresh by {@link
 * #prepare} (a name that exists already is an error, never reused) and deleted by {@link #close}.
 * {@code prepare} returns only once every partition has a leader, all its replicas in sync, and the
 * leader answers for it: KRaft acknowledges a topic's creation before the brokers have created its
 * logs, so the leader is asked for the partition's end offset, which it can give only once the log
 * exists.
 *
 * <p>Consumers take their partitions with {@code assign()} ({@link Topology#partitionsOf}:
 * partition {@code p} to consumer {@code p % consumersPerSubscription}), not by joining a consumer
 * group: no rebalance ever moves a partition (and redelivers its messages) during a trial, and each
 * subscription reads every partition from its own position. {@link #startConsumer} returns once the
 * consumer's position on each of its partitions is fixed at the end of the log, so every message
 * sent afterwards reaches it.
 */
public final class KafkaDriver implements BacklogDriver {

  /** The name of this system in results. */
  public static final String SYSTEM = "kafka";

  private final KafkaDriverConfig config;
  private final List<KafkaDriverProducer> producers = new ArrayList<>();
  private final List<KafkaDriverConsumer> consumers = new ArrayList<>();
  private Topology topology;
  private GuaranteeTier tier;

  /** The trial's topics and the admin client; null until {@link #prepare} creates the client. */
  private KafkaTopics topics;

  private boolean closed;

  public KafkaDriver(KafkaDriverConfig config) {
    this.config = config;
  }

  public KafkaDriverConfig config() {
    return config;
  }

  /**
   * Every tier on a cluster of 3 or more replicas; on fewer, every tier but {@code replicated}
   * ({@link KafkaDriverConfig#offersReplicated}).
   */
  @Override
  public boolean offers(GuaranteeTier tier) {
    return tier != null && (tier != GuaranteeTier.REPLICATED || config.offersReplicated());
  }

  @Override
  public synchronized void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
    if (this.topology != null || closed) {
      throw new IllegalStateException(
          closed ? "the driver is closed" : "prepare was called twice; a driver serves one trial");
    }
    if (!offers(tier)) {
      throw new TierNotOfferedException(SYSTEM, tier);
    }
    this.topology = topology;
    this.tier = tier;
    long deadlineNs = System.nanoTime() + config.readyTimeout().toNanos();
    topics = new KafkaTopics(config, topology, where());
    topics.create(tier, deadlineNs);
    topics.awaitOnline(deadlineNs);
  }

  @Override
  public synchronized DriverConsumer startConsumer(
      int topic, int subscription, int consumer, Receiver receiver) throws DriverException {
    requirePrepared();
    String name = topology.subscriptionName(topic, subscription) + "-c" + consumer;
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p : topology.partitionsOf(consumer)) {
      partitions.add(new TopicPartition(topology.topicName(topic), p));
    }
    return start(name, partitions, false, receiver);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Kafka's consumer names itself {@code <topic>-backlog-<reader>} and reads from its own poll
   * thread.
   */
  @Override
  public synchronized DriverConsumer startBacklogConsumer(int topic, int reader, Receiver receiver)
      throws DriverException {
    requirePrepared();
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < topology.partitionsPerTopic(); p++) {
      partitions.add(new TopicPartition(topology.topicName(topic), p));
    }
    return start(topology.topicName(topic) + "-backlog-" + reader, partitions, true, receiver);
  }

  private DriverConsumer start(
      String name, List<TopicPartition> partitions, boolean fromBeginning, Receiver receiver)
      throws DriverException {
    if (partitions.isEmpty()) {
      // More consumers than partitions: this one idles, as it would in a consumer group.
      return () -> {};
    }
    String where = where() + ": consumer " + name;
    KafkaConsumer<byte[], byte[]> client;
    try {
      client = new KafkaConsumer<>(config.consumerConfig(name));
    } catch (KafkaException e) {
      throw new DriverException(where + " could not be created: " + e, e);
    }
    try {
      client.assign(partitions);
      if (fromBeginning) {
        client.seekToBeginning(partitions);
      } else {
        client.seekToEnd(partitions);
      }
      long deadlineNs = System.nanoTime() + config.readyTimeout().toNanos();
      for (TopicPartition partition : partitions) {
        // Resolves the seek now: asks the leader for the offset, so the position is fixed
        // before any producer sends.
        client.position(partition, Duration.ofMillis(remainingMs(deadlineNs)));
      }
    } catch (KafkaException e) {
      closeQuietly(() -> client.close(Duration.ZERO));
      throw new DriverException(
          where
              + " could not fix its position on "
              + partitions
              + " (waited up to "
              + readyTimeout(config)
              + "): "
              + e,
          e);
    }
    KafkaDriverConsumer started =
        new KafkaDriverConsumer(name, where, client, receiver, config.closeTimeout());
    consumers.add(started);
    started.start();
    return started;
  }

  @Override
  public synchronized DriverProducer createProducer(
      int topic, int producer, Acknowledgements acknowledgements) throws DriverException {
    requirePrepared();
    String topicName = topology.topicName(topic);
    String name = topicName + "-p" + producer;
    String where = where() + ": producer " + name;
    KafkaProducer<byte[], byte[]> client;
    try {
      client = new KafkaProducer<>(config.producerConfig(tier, name));
    } catch (KafkaException e) {
      throw new DriverException(where + " could not be created: " + e, e);
    }
    List<PartitionInfo> partitions;
    try {
      // Fetches the topic's metadata and connects, so that the first send does not wait for it.
      partitions = client.partitionsFor(topicName);
    } catch (KafkaException e) {
      closeQuietly(() -> client.close(Duration.ZERO));
      throw new DriverException(
          where + " could not fetch the metadata of " + topicName + ": " + e, e);
    }
    if (partitions.size() != topology.partitionsPerTopic()) {
      closeQuietly(() -> client.close(Duration.ZERO));
      throw new DriverException(
          where
              + " sees "
              + partitions.size()
              + " partitions of "
              + topicName
              + ", not "
              + topology.partitionsPerTopic());
    }
    KafkaDriverProducer created =
        new KafkaDriverProducer(
            where,
            topicName,
            client,
            acknowledgements,
            tier != GuaranteeTier.NONE,
            config.closeTimeout());
    producers.add(created);
    return created;
  }

  private void requirePrepared() {
    if (topology == null || closed) {
      throw new IllegalStateException(
          closed ? "the driver is closed" : "prepare must be called before anything else");
    }
  }

  /**
   * Closes what is still open (producers first: they wait for their acknowledgements), deletes the
   * trial's topics, and closes the admin client. A topic that cannot be deleted is reported, after
   * everything else is closed.
   */
  @Override
  public synchronized void close() throws DriverException {
    if (closed) {
      return;
    }
    closed = true;
    List<String> problems = new ArrayList<>();
    Closing.closeAll(producers, problems);
    Closing.closeAll(consumers, problems);
    producers.clear();
    consumers.clear();
    if (topics != null) {
      topics.close(problems);
      topics = null;
    }
    if (!problems.isEmpty()) {
      throw new DriverException(where() + ": closing the trial: " + String.join("; ", problems));
    }
  }

  /** Closes a client that failed to start, without waiting: it has nothing outstanding. */
  private static void closeQuietly(Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      // The failure that made us close is the one to report.
    }
  }

  private String where() {
    return SYSTEM + " at " + config.bootstrapServers();
  }

  /** The ready timeout, for messages: "30 s". */
  static String readyTimeout(KafkaDriverConfig config) {
    return config.readyTimeout().toSeconds() + " s";
  }

  /** Milliseconds left until {@code deadlineNs}, at least 1 so that a last question is asked. */
  static long remainingMs(long deadlineNs) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
  }
}
