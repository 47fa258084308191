package io.brokerbench.bench;

import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriver;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.driver.zeromq.ZeroMqDriver;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every system a result row can name, in one place: its label (as rows, trial names and the command
 * line spell it), its family (what the claims compare: Kafka in either metadata mode is Kafka) and
 * the tiers the bench measures it at. The suites and the claims look a system up here rather than
 * match its name; {@link BenchSystem} is the part of this list a run can choose.
 */
public enum SystemUnderTest {
  /** The harness's own in-process driver: the speed ceiling and latency floor, no broker. */
  IN_MEMORY(
      InMemoryDriver.SYSTEM, Family.IN_MEMORY, EnumSet.of(GuaranteeTier.NONE, GuaranteeTier.ACK)),
  /** Kafka with its KRaft controller; its 3-broker set-up gives tier replicated. */
  KAFKA_KRAFT("kafka-kraft", Family.KAFKA, EnumSet.allOf(GuaranteeTier.class)),
  /** Kafka with ZooKeeper: one broker, so no tier replicated (the bench has no 3-node set-up). */
  KAFKA_ZOOKEEPER("kafka-zookeeper", Family.KAFKA, EnumSet.copyOf(GuaranteeTier.SINGLE_NODE)),
  /** RabbitMQ; its 3-node quorum-queue set-up gives tier replicated. */
  RABBITMQ(RabbitMqDriver.SYSTEM, Family.RABBITMQ, EnumSet.allOf(GuaranteeTier.class)),
  /** ZeroMQ brokerless, producers connected straight to consumers: what the claims judge. */
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
    RABBITMQ(RabbitMqDriver.SYSTEM),
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
