package io.brokerbench.harness.driver.kafka;

import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a {@link KafkaDriver} reaches its cluster and configures its topics and clients. Immutable;
 * the client settings it produces ({@link #producerConfig}, {@link #consumerConfig}, {@link
 * #adminConfig}, {@link #topicConfig}) are the complete list of what the driver sets, each setting
 * that differs from Kafka's default next to its reason, so a result can quote them.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the cluster, e.g. {@code
 *     127.0.0.1:40123}
 * @param replicationFactor replicas of every topic the driver creates, at every tier (a cluster run
 *     compares tiers on the same topic shape: only the producer's {@code acks} differ); 1 on a
 *     single broker, 3 in cluster runs (docs/tiers.md)
 * @param replicatedMinInsyncReplicas the topic's {@code min.insync.replicas} at tier {@code
 *     replicated} (2 in cluster runs, so an acknowledged message is on two of three brokers); 0
 *     means the driver does not offer tier {@code replicated} (a single broker). The other tiers
 *     never set it
 * @param commonOverrides client settings for the admin client, producers and consumers alike,
 *     applied over the driver's (e.g. {@code security.protocol} for a user's own cluster); never
 *     the settings that make a tier ({@link #RESERVED_PRODUCER_KEYS}, {@link
 *     #RESERVED_CONSUMER_KEYS})
 * @param producerOverrides producer settings applied over the driver's (e.g. {@code linger.ms} to
 *     match a vendor tool's run), never those in {@link #RESERVED_PRODUCER_KEYS}
 * @param consumerOverrides consumer settings applied over the driver's, never those in {@link
 *     #RESERVED_CONSUMER_KEYS}
 * @param readyTimeout how long {@code prepare}, {@code startConsumer} and {@code createProducer}
 *     each wait for the broker before they give up
 * @param closeTimeout how long closing a producer or consumer, or deleting the trial's topics, may
 *     take
 */
public record KafkaDriverConfig(
    String bootstrapServers,
    int replicationFactor,
    int replicatedMinInsyncReplicas,
    Map<String, String> commonOverrides,
    Map<String, String> producerOverrides,
    Map<String, String> consumerOverrides,
    Duration readyTimeout,
    Duration closeTimeout) {

  /**
   * Producer settings an override may not change: they make the guarantee tier (a tier is never
   * quietly weakened), or the driver depends on them (byte arrays in and out, one address).
   * Transactions are out because they change what an acknowledgement means.
   */
  public static final Set<String> RESERVED_PRODUCER_KEYS =
      Set.of(
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);

  /** Consumer settings an override may not change: the driver hands on the bytes it receives. */
  public static final Set<String> RESERVED_CONSUMER_KEYS =
      Set.of(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);

  /**
   * Long enough for a KRaft broker to create a few dozen partitions' logs on a busy two-core
   * machine (seconds), short enough that a dead broker voids the trial in a minute, not in the
   * client's own default of several minutes of retries.
   */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Kafka's own default for {@code KafkaProducer.close()} is unbounded; 30 s lets a healthy broker
   * acknowledge everything outstanding (a full 32 MiB buffer drains in well under a second).
   */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  public KafkaDriverConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "bootstrapServers: give host:port of the Kafka cluster, e.g. 127.0.0.1:9092; was '"
              + bootstrapServers
              + "'");
    }
    if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "replicationFactor: must be 1 or more (1 on a single broker, 3 in a cluster), was "
              + replicationFactor);
    }
    if (replicatedMinInsyncReplicas < 0 || replicatedMinInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "replicatedMinInsyncReplicas: must be 0 (the broker's setting) to replicationFactor ("
              + replicationFactor
              + "), was "
              + replicatedMinInsyncReplicas
              + "; more in-sync replicas than replicas would refuse every replicated send");
    }
    Set<String> reservedCommon = new TreeSet<>(RESERVED_PRODUCER_KEYS);
    reservedCommon.addAll(RESERVED_CONSUMER_KEYS);
    commonOverrides = checked("commonOverrides", commonOverrides, reservedCommon);
    producerOverrides = checked("producerOverrides", producerOverrides, RESERVED_PRODUCER_KEYS);
    consumerOverrides = checked("consumerOverrides", consumerOverrides, RESERVED_CONSUMER_KEYS);
    positive("readyTimeout", readyTimeout);
    positive("closeTimeout", closeTimeout);
  }

  private static Map<String, String> checked(
      String field, Map<String, String> overrides, Set<String> reserved) {
    if (overrides == null) {
      throw new IllegalArgumentException(field + ": give an empty map for no overrides, not null");
    }
    for (String key : overrides.keySet()) {
      if (reserved.contains(key)) {
        throw new IllegalArgumentException(
            field
                + ": '"
                + key
                + "' cannot be overridden: the driver sets it for the guarantee tier or needs it"
                + " as it is (reserved: "
                + String.join(", ", new TreeSet<>(reserved))
                + ")");
      }
    }
    return Map.copyOf(overrides);
  }

  private static void positive(String field, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(field + ": must be a positive duration, was " + duration);
    }
  }

  /** A single broker: one replica, the broker's own {@code min.insync.replicas}. */
  public static KafkaDriverConfig single(String bootstrapServers) {
    return forCluster(bootstrapServers, 1);
  }

  /**
   * A cluster of {@code brokers} brokers as docs/tiers.md runs it: replication factor 3 and, at
   * tier {@code replicated}, {@code min.insync.replicas=2} from three brokers on; with fewer
   * brokers every broker holds a replica and tier {@code replicated} is not offered.
   */
  public static KafkaDriverConfig forCluster(String bootstrapServers, int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers: must be 1 or more, was " + brokers);
    }
    int replicas = Math.min(3, brokers);
    return new KafkaDriverConfig(
        bootstrapServers,
        replicas,
        replicas >= 3 ? 2 : 0,
        Map.of(),
        Map.of(),
        Map.of(),
        DEFAULT_READY_TIMEOUT,
        DEFAULT_CLOSE_TIMEOUT);
  }

  public KafkaDriverConfig withReplication(int replicationFactor, int replicatedMinInsyncReplicas) {
    return new KafkaDriverConfig(
        bootstrapServers,
        replicationFactor,
        replicatedMinInsyncReplicas,
        commonOverrides,
        producerOverrides,
        consumerOverrides,
        readyTimeout,
        closeTimeout);
  }

  public KafkaDriverConfig withCommonOverrides(Map<String, String> overrides) {
    return new KafkaDriverConfig(
        bootstrapServers,
        replicationFactor,
        replicatedMinInsyncReplicas,
        overrides,
        producerOverrides,
        consumerOverrides,
        readyTimeout,
        closeTimeout);
  }

  public KafkaDriverConfig withProducerOverrides(Map<String, String> overrides) {
    return new KafkaDriverConfig(
        bootstrapServers,
        replicationFactor,
        replicatedMinInsyncReplicas,
        commonOverrides,
        overrides,
        consumerOverrides,
        readyTimeout,
        closeTimeout);
  }

  public KafkaDriverConfig withConsumerOverrides(Map<String, String> overrides) {
    return new KafkaDriverConfig(
        bootstrapServers,
        replicationFactor,
        replicatedMinInsyncReplicas,
        commonOverrides,
        producerOverrides,
        overrides,
        readyTimeout,
        closeTimeout);
  }

  public KafkaDriverConfig withTimeouts(Duration readyTimeout, Duration closeTimeout) {
    return new KafkaDriverConfig(
        bootstrapServers,
        replicationFactor,
        replicatedMinInsyncReplicas,
        commonOverrides,
        producerOverrides,
        consumerOverrides,
        readyTimeout,
        closeTimeout);
  }

  /**
   * The settings of one producer at {@code tier}. Everything not named here is Kafka's default,
   * which is also what Kafka's own {@code ProducerPerformance} runs with (it sets only the
   * serializers and a client id), so the two can be compared on the same broker:
   *
   * <ul>
   *   <li>{@code linger.ms=0} (the 3.9 default; 4.0 moves to 5): a batch goes out as soon as the
   *       sender thread is free, and batches still form under load because records queue up while
   *       up to {@code max.in.flight.requests.per.connection=5} requests are outstanding. Lingering
   *       would buy a little throughput with latency; the vendor tool does not linger either.
   *   <li>{@code batch.size=16384}, {@code buffer.memory=32 MiB}, {@code compression.type=none}:
   *       defaults; the harness's payloads are mostly zeros after the header, which would compress
   *       to almost nothing and flatter every figure.
   *   <li>{@code retries} and {@code delivery.timeout.ms=120000}: defaults. Without idempotence
   *       (tiers {@code none} and {@code ack}) a retry can duplicate or reorder a message; the
   *       harness counts both, and on a healthy broker there are none.
   * </ul>
   */
  public Map<String, Object> producerConfig(GuaranteeTier tier, String clientId) {
    Map<String, Object> config = new LinkedHashMap<>();
    // Names the producer in the broker's logs and metrics: "<topic>-p<producer>".
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(commonOverrides);
    config.putAll(producerOverrides);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The harness's payloads are byte arrays, sent unchanged; no key (records go to the partition
    // the harness names).
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    switch (tier) {
      case NONE -> {
        // Fire and forget: the broker sends no response at all.
        config.put(ProducerConfig.ACKS_CONFIG, "0");
        // Idempotence needs acks=all; said explicitly so the tier is plain in the config dump
        // (3.x would otherwise turn it off silently because acks conflicts with it).
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
      }
      case ACK -> {
        // The leader has appended the batch to its log; followers may not have it yet.
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
      }
      case DURABLE, REPLICATED -> {
        // Every in-sync replica has it (at replicated at least min.insync.replicas of them, or the
        // send fails), and retries can neither duplicate nor reorder. Both are 3.x defaults,
        // written down because the tier depends on them. At durable, on disk before the
        // acknowledgement comes from the topic's flush.messages=1 (topicConfig).
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      }
    }
    return config;
  }

  /**
   * The settings of one consumer. Everything not named here is Kafka's default, as in Kafka's own
   * {@code ConsumerPerformance} but for two settings that tool changes: it raises {@code
   * receive.buffer.bytes} to 2 MiB and turns {@code check.crcs} off (a parity run that wants the
   * same can pass them as overrides). Fetching is left at its defaults: {@code fetch.min.bytes=1}
   * answers a fetch as soon as there is anything (lowest latency; under load each fetch still
   * carries everything that arrived since the last), {@code fetch.max.wait.ms=500} only matters
   * when the partition is idle, {@code max.partition.fetch.bytes=1 MiB} and {@code
   * max.poll.records=500} are far above what arrives between two polls.
   *
   * <p>No {@code group.id}: the driver assigns partitions itself ({@code assign()}), so there is no
   * group membership and no rebalance (a rebalance redelivers, and the contract test would rightly
   * count duplicates), and no offsets are committed. A Kafka consumer acknowledges nothing to the
   * broker per message: the log keeps every message whether read or not, and a committed offset
   * only tells a restarted consumer where to resume, which the harness never does. So at every tier
   * a message is "acknowledged" by the consumer never, in particular never before {@code
   * Receiver.onPayload} returned.
   */
  public Map<String, Object> consumerConfig(String clientId) {
    Map<String, Object> config = new LinkedHashMap<>();
    // Names the consumer in the broker's logs and metrics: "<subscription>-c<consumer>".
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // Positions are set explicitly (seekToEnd when the consumer starts). Should one ever be lost
    // (offset out of range), the consumer must fail, not silently jump to the end ("latest") and
    // hide the gap as a loss the broker did not cause.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.putAll(commonOverrides);
    config.putAll(consumerOverrides);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return config;
  }

  /** The admin client that creates, checks and deletes the trial's topics. */
  public Map<String, Object> adminConfig(String clientId) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    // The driver bounds every admin call by readyTimeout itself; the default 60 s API timeout
    // would let one call outlast the whole budget.
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Long.toString(Math.max(1, readyTimeout.toMillis())));
    config.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(Math.max(1, Math.min(readyTimeout.toMillis(), 30_000))));
    config.putAll(commonOverrides);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /**
   * The settings of a topic created for {@code tier}: the broker's defaults at tiers {@code none}
   * and {@code ack};
   *
   * <ul>
   *   <li>at {@code durable}, {@code flush.messages=1}: the leader fsyncs its log after every
   *       append, before it answers the produce request (the OpenMessaging Benchmark's sync Kafka
   *       setup). Kafka's default leaves flushing to the operating system, so without it {@code
   *       acks=all} on one broker with one replica is {@code acks=1}: the same work, and no more
   *       than a tier {@code ack} message survives a crash of the machine. With it, a durable
   *       message is on the disk when it is acknowledged, as RabbitMQ's persistent messages with
   *       confirms are;
   *   <li>at {@code replicated}, {@code min.insync.replicas} ({@link #replicatedMinInsyncReplicas},
   *       2 of 3 replicas), so that {@code acks=all} waits for a majority or fails. No fsync: the
   *       copies on other machines are what survives, as Kafka is meant to be run.
   * </ul>
   */
  public Map<String, String> topicConfig(GuaranteeTier tier) {
    return switch (tier) {
      case NONE, ACK -> Map.of();
      case DURABLE -> Map.of(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, "1");
      case REPLICATED ->
          Map.of(
              TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
              Integer.toString(replicatedMinInsyncReplicas));
    };
  }

  /**
   * Whether this cluster set-up gives tier {@code replicated}: at least 3 replicas, and a {@code
   * min.insync.replicas} of at least 2 that the driver sets.
   */
  public boolean offersReplicated() {
    return replicationFactor >= 3 && replicatedMinInsyncReplicas >= 2;
  }
}
