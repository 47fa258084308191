package io.brokerbench.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The systems a bench run compares; Kafka counts twice, once per metadata mode. */
public enum BenchSystem {
  KAFKA_KRAFT("kafka-kraft"),
  KAFKA_ZOOKEEPER("kafka-zookeeper"),
  RABBITMQ("rabbitmq"),
  ZEROMQ("zeromq");

  private final String label;

  BenchSystem(String label) {
    this.label = label;
  }

  /** The name in results and on the command line. */
  public String label() {
    return label;
  }

  /** The system called {@code label}, or an error that lists the known ones. */
  public static BenchSystem parse(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (BenchSystem system : values()) {
      if (system.label.equals(wanted)) {
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
