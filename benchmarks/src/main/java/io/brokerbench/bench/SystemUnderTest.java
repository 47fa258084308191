package io.brokerbench.bench;

import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaRelease;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriverConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamConfig;
import io.brokerbench.harness.driver.rabbitstream.RabbitStreamDriver;
import io.brokerbench.harness.driver.zeromq.ZeroMqConfig;
import io.brokerbench.harness.driver.zeromq.ZeroMqDriver;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every system a result row can name, in one place: its label (as rows, trial names and the command
 * line spell it), its family (what the claims compare: Kafka in either metadata mode is Kafka), the
 * tiers the bench measures it at, the broker the bench starts for it and its driver. The suites and
 * the claims look a system up here rather than match its name; {@link BenchSystem} is the part of
 * this list a run can choose.
 */
public enum SystemUnderTest {
  /** The harness's own in-process driver: the speed ceiling and latency floor, no broker. */
  IN_MEMORY(
      InMemoryDriver.SYSTEM, Family.IN_MEMORY, EnumSet.of(GuaranteeTier.NONE, GuaranteeTier.ACK)),
  /** Kafka with its KRaft controller; its 3-broker set-up gives tier replicated. */
  KAFKA_KRAFT("kafka-kraft", Family.KAFKA, EnumSet.allOf(GuaranteeTier.class)),
  /** Kafka with ZooKeeper: one broker, so no tier replicated (the bench has no 3-node set-up). */
  KAFKA_ZOOKEEPER("kafka-zookeeper", Family.KAFKA, EnumSet.copyOf(GuaranteeTier.SINGLE_NODE)),
  /**
   * Kafka 4.2 (KRaft only: 4.0 removed ZooKeeper mode) on one broker, driven by the same 3.9 client
   * as the others, so that a row against {@code kafka-kraft} compares the brokers. A family of its
   * own: no claim reads its rows.
   */
  KAFKA_4("kafka-4", Family.KAFKA_4, EnumSet.copyOf(GuaranteeTier.SINGLE_NODE)),
  /** RabbitMQ; its 3-node quorum-queue set-up gives tier replicated. */
  RABBITMQ(RabbitMqDriver.SYSTEM, Family.RABBITMQ, EnumSet.allOf(GuaranteeTier.class)),
  /**
   * RabbitMQ Streams: an append-only log on a RabbitMQ node, read from an offset through the stream
   * protocol. A family of its own, so that no claim about RabbitMQ's queues reads its rows. Tiers
   * none and ack: a stream confirms before its fsync, so it has no durable tier of its own.
   */
  RABBITMQ_STREAM(
      RabbitStreamDriver.SYSTEM,
      Family.RABBITMQ_STREAM,
      EnumSet.of(GuaranteeTier.NONE, GuaranteeTier.ACK)),
  /**
   * ZeroMQ brokerless, producers connected straight to consumers: what the claims judge. Tier none
   * only: ZeroMQ has no acknowledgement.
   */
  ZEROMQ(ZeroMqDriver.SYSTEM, Family.ZEROMQ, EnumSet.of(GuaranteeTier.NONE)),
  /**
   * ZeroMQ through an XSUB/XPUB proxy per topic: the remedy claim Z4 reports beside its verdict,
   * not the brokerless ZeroMQ it judges.
   */
  ZEROMQ_PROXY("zeromq-proxy", Family.ZEROMQ, EnumSet.of(GuaranteeTier.NONE));

  /**
   * What the claims compare. A family's label is also what its driver calls itself ({@code
   * KafkaDriver.SYSTEM}, ...) and what the footprint rows name as their system.
   */
  public enum Family {
    KAFKA(KafkaDriver.SYSTEM),
    /** Kafka 4, apart from the 3.9 brokers the claims compare; its driver is Kafka's. */
    KAFKA_4("kafka-4"),
    RABBITMQ(RabbitMqDriver.SYSTEM),
    RABBITMQ_STREAM(RabbitStreamDriver.SYSTEM),
    ZEROMQ(ZeroMqDriver.SYSTEM),
    IN_MEMORY(InMemoryDriver.SYSTEM);

    private final String label;

    Family(String label) {
      this.label = label;
    }

    /** {@code kafka}, {@code rabbitmq}, {@code zeromq} or {@code in-memory}. */
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return label;
    }

    /**
     * The family a row's system belongs to: the family of a system's label ({@code kafka-kraft}),
     * or the family named itself ({@code kafka}, as footprint rows say); empty for any other name.
     */
    public static Optional<Family> of(String system) {
      Optional<SystemUnderTest> known = SystemUnderTest.of(system);
      if (known.isPresent()) {
        return Optional.of(known.get().family());
      }
      return Arrays.stream(values()).filter(family -> family.label.equals(system)).findFirst();
    }
  }

  private final String label;
  private final Family family;
  private final Set<GuaranteeTier> tiers;

  SystemUnderTest(String label, Family family, Set<GuaranteeTier> tiers) {
    this.label = label;
    this.family = family;
    this.tiers = tiers;
  }

  /** The name in results, trial names and on the command line, e.g. {@code kafka-kraft}. */
  public String label() {
    return label;
  }

  public Family family() {
    return family;
  }

  /**
   * The tiers the bench can measure this system at: what its driver offers in the set-ups the bench
   * starts. A tier outside them is a row that says {@code not offered}.
   */
  public Set<GuaranteeTier> tiers() {
    return EnumSet.copyOf(tiers);
  }

  /** Whether the bench has a 3-node set-up of this system for tier replicated. */
  public boolean replicates() {
    return tiers.contains(GuaranteeTier.REPLICATED);
  }

  @Override
  public String toString() {
    return label;
  }

  /** Kafka's metadata mode for a Kafka system ({@code kafka-kraft}, ...); empty for any other. */
  public Optional<KafkaMode> kafkaMode() {
    return switch (this) {
      case KAFKA_KRAFT, KAFKA_4 -> Optional.of(KafkaMode.KRAFT);
      case KAFKA_ZOOKEEPER -> Optional.of(KafkaMode.ZOOKEEPER);
      case IN_MEMORY, RABBITMQ, RABBITMQ_STREAM, ZEROMQ, ZEROMQ_PROXY -> Optional.empty();
    };
  }

  /** The Kafka release a Kafka system's brokers run; empty for any other system. */
  public Optional<KafkaRelease> kafkaRelease() {
    return kafkaMode().map(mode -> this == KAFKA_4 ? KafkaRelease.V4_2 : KafkaRelease.V3_9);
  }

  /** A single Kafka broker of this system as the suites start it: its metadata mode and release. */
  public KafkaClusterSpec kafkaSingle() {
    return KafkaClusterSpec.single(kafkaMode().orElseThrow())
        .withRelease(kafkaRelease().orElseThrow());
  }

  /**
   * How the throughput and latency rows name the single node {@link #broker broker(false)} starts
   * ({@code mode}), e.g. {@code kraft, 1 broker}; empty for a system without a broker, whose mode
   * each suite names after the pattern it drives.
   */
  public Optional<String> singleNodeSetUp() {
    return switch (this) {
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER ->
          Optional.of(kafkaMode().orElseThrow().label() + ", 1 broker");
      case KAFKA_4 -> Optional.of("kraft, 1 broker, Kafka " + KafkaRelease.V4_2.version());
      case RABBITMQ -> Optional.of("1 node, classic queues");
      case RABBITMQ_STREAM -> Optional.of("1 node, streams");
      case IN_MEMORY, ZEROMQ, ZEROMQ_PROXY -> Optional.empty();
    };
  }

  /**
   * The tiers a single node of this system offers: {@link #tiers} without {@code replicated}, the
   * tiers the suites measure on the broker {@link #broker broker(false)} starts.
   */
  public Set<GuaranteeTier> singleNodeTiers() {
    return GuaranteeTier.singleNode(tiers);
  }

  /**
   * How rows name the 3-node set-up of tier replicated ({@code mode}), or empty where the bench has
   * none.
   */
  public Optional<String> replicatedSetUp() {
    return switch (this) {
      case KAFKA_KRAFT -> Optional.of("kraft, 3 brokers, replication 3, min.insync.replicas 2");
      case RABBITMQ -> Optional.of("3 nodes, quorum queues");
      default -> Optional.empty();
    };
  }

  /**
   * The broker the bench starts for this system, not started: a single node or, with {@code
   * replicated}, the 3-node set-up of tier replicated (Kafka's 3 KRaft brokers each also a
   * controller). Empty for a system without a broker. Kafka deletes a deleted topic's files at once
   * rather than after its default minute: every trial writes gigabytes, and the disk must hold only
   * the one that runs.
   */
  public Optional<Broker> broker(boolean replicated) {
    if (replicated && replicatedSetUp().isEmpty()) {
      throw new IllegalArgumentException(label + " has no 3-node set-up of tier replicated");
    }
    Map<String, String> deleteAtOnce = Map.of("file.delete.delay.ms", "1000");
    return Optional.ofNullable(
        switch (this) {
          case KAFKA_KRAFT, KAFKA_ZOOKEEPER, KAFKA_4 ->
              new KafkaCluster(
                  (replicated
                          ? KafkaClusterSpec.of(KafkaMode.KRAFT, 3).withControllers(3)
                          : kafkaSingle())
                      .withOverrides(deleteAtOnce));
          case RABBITMQ ->
              new RabbitCluster(replicated ? RabbitClusterSpec.of(3) : RabbitClusterSpec.single());
          case RABBITMQ_STREAM -> new RabbitCluster(RabbitClusterSpec.single().withStreams());
          case IN_MEMORY, ZEROMQ, ZEROMQ_PROXY -> null;
        });
  }

  /**
   * A fresh driver for this system, pointed by {@code target} (a property of {@link Targets} to its
   * value, over this JVM's system properties). The caller closes it.
   */
  public BrokerDriver driver(Map<String, String> target) {
    return switch (this) {
      case IN_MEMORY -> InMemoryDriver.create();
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER, KAFKA_4 ->
          new KafkaDriver(
              KafkaDriverConfig.forCluster(
                  Targets.require(target, Targets.KAFKA_BOOTSTRAP),
                  Integer.parseInt(
                      target.getOrDefault(
                          Targets.KAFKA_BROKERS, System.getProperty(Targets.KAFKA_BROKERS, "1")))));
      case RABBITMQ ->
          new RabbitMqDriver(
              RabbitMqConfig.of(List.of(Targets.require(target, Targets.RABBITMQ_URI).split(","))));
      case RABBITMQ_STREAM -> {
        String where = Targets.require(target, Targets.RABBITMQ_STREAM);
        int colon = where.lastIndexOf(':');
        yield new RabbitStreamDriver(
            RabbitStreamConfig.of(
                where.substring(0, colon), Integer.parseInt(where.substring(colon + 1))));
      }
      case ZEROMQ -> ZeroMqDriver.create();
      case ZEROMQ_PROXY ->
          new ZeroMqDriver(ZeroMqConfig.defaults().withPattern(ZeroMqConfig.Pattern.PROXY));
    };
  }

  /** The system labelled {@code label} exactly, or empty. */
  public static Optional<SystemUnderTest> of(String label) {
    return Arrays.stream(values()).filter(system -> system.label.equals(label)).findFirst();
  }

  /** The system labelled {@code label}, or an error that lists the known ones. */
  public static SystemUnderTest parse(String label) {
    return of(label).orElseThrow(() -> new IllegalArgumentException(unknown(label)));
  }

  /** {@code system: unknown 'x'; expected in-memory, ..., zeromq or zeromq-proxy}. */
  private static String unknown(String label) {
    List<String> labels = Arrays.stream(values()).map(SystemUnderTest::label).toList();
    return "system: unknown '"
        + label
        + "'; expected "
        + String.join(", ", labels.subList(0, labels.size() - 1))
        + " or "
        + labels.get(labels.size() - 1);
  }
}
