package io.brokerbench.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The systems a bench run compares, as the command line chooses them; Kafka counts twice, once per
 * metadata mode. Each is one of {@link SystemUnderTest}, which holds its label, family and tiers.
 */
public enum BenchSystem {
  KAFKA_KRAFT(SystemUnderTest.KAFKA_KRAFT),
  KAFKA_ZOOKEEPER(SystemUnderTest.KAFKA_ZOOKEEPER),
  /** Kafka 4.2, chosen by name only, as RabbitMQ Streams. */
  KAFKA_4(SystemUnderTest.KAFKA_4, false),
  RABBITMQ(SystemUnderTest.RABBITMQ),
  /**
   * RabbitMQ Streams, chosen by name only: its rows answer no claim yet, and the quick profile's 30
   * minutes have no room for it.
   */
  RABBITMQ_STREAM(SystemUnderTest.RABBITMQ_STREAM, false),
  ZEROMQ(SystemUnderTest.ZEROMQ);

  private final SystemUnderTest underTest;
  private final boolean inAll;

  BenchSystem(SystemUnderTest underTest) {
    this(underTest, true);
  }

  BenchSystem(SystemUnderTest underTest, boolean inAll) {
    this.underTest = underTest;
    this.inAll = inAll;
  }

  /** What {@code -Dbench.systems=all}, the default, runs: every system but those chosen by name. */
  public static Set<BenchSystem> all() {
    Set<BenchSystem> all = EnumSet.noneOf(BenchSystem.class);
    Arrays.stream(values()).filter(system -> system.inAll).forEach(all::add);
    return all;
  }

  /** The system in the registry: its family and tiers. */
  public SystemUnderTest underTest() {
    return underTest;
  }

  /** The name in results and on the command line. */
  public String label() {
    return underTest.label();
  }

  /** The system called {@code label}, or an error that lists the known ones. */
  public static BenchSystem parse(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (BenchSystem system : values()) {
      if (system.label().equals(wanted)) {
        return system;
      }
    }
    throw new IllegalArgumentException(
        "unknown system '" + label + "': expected one of " + labels() + " or all");
  }

  static String labels() {
    return Arrays.stream(values()).map(BenchSystem::label).collect(Collectors.joining(", "));
  }
}
