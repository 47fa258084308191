package io.brokerbench.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The systems a bench run compares, as the command line chooses them; Kafka counts twice, once per
 * metadata mode. Each is one of {@link SystemUnderTest}, which holds its label, family and tiers.
 */
public enum BenchSystem {
  KAFKA_KRAFT(SystemUnderTest.KAFKA_KRAFT),
  KAFKA_ZOOKEEPER(SystemUnderTest.KAFKA_ZOOKEEPER),
  RABBITMQ(SystemUnderTest.RABBITMQ),
  ZEROMQ(SystemUnderTest.ZEROMQ);

  private final SystemUnderTest underTest;

  BenchSystem(SystemUnderTest underTest) {
    this.underTest = underTest;
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
