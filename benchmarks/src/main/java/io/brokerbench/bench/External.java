package io.brokerbench.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Brokers a run uses instead of starting its own: a user's clusters, or the ones {@code
 * docker-compose.yml} starts (their endpoints are {@link ExternalDefaults}). Suites that measure
 * throughput and latency run against them; suites that need to control the processes (faults,
 * restarts, footprint, the metadata sweep's failovers) skip such a system with that reason.
 *
 * @param kafkaKraft {@code bootstrap.servers} of the Kafka used as {@code kafka-kraft}, or empty
 * @param kafkaZookeeper the same for {@code kafka-zookeeper}, or empty
 * @param zookeeper {@code host:port} of that cluster's ZooKeeper, or empty
 * @param rabbitmq the AMQP URI of the RabbitMQ used as {@code rabbitmq}, or empty
 */
public record External(
    String kafkaKraft, String kafkaZookeeper, String zookeeper, String rabbitmq) {

  /** None: brokerbench starts every broker itself. */
  public static final External NONE = new External("", "", "", "");

  /** The external address of {@code system}, or empty when brokerbench starts it. */
  public String of(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> kafkaKraft;
      case KAFKA_ZOOKEEPER -> kafkaZookeeper;
      case RABBITMQ -> rabbitmq;
      case ZEROMQ -> "";
    };
  }

  /** True when {@code system} is external. */
  public boolean isExternal(BenchSystem system) {
    return !of(system).isEmpty();
  }

  /** The reason a suite that needs process control gives for skipping {@code system}. */
  public static String needsProcessControl(BenchSystem system, String what) {
    return system.label()
        + " is an external cluster (-D"
        + property(system)
        + "): "
        + what
        + " needs brokerbench to start, kill and restart its processes";
  }

  /** The -D property that points {@code system} at an external cluster. */
  public static String property(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> "kafka.bootstrap";
      case KAFKA_ZOOKEEPER -> "kafka.zookeeper.bootstrap";
      case RABBITMQ -> "rabbitmq.uri";
      case ZEROMQ -> "";
    };
  }

  /** For environment.json: what was external, passwords removed. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (!kafkaKraft.isEmpty()) {
      lines.add("kafka-kraft: " + kafkaKraft);
    }
    if (!kafkaZookeeper.isEmpty()) {
      lines.add("kafka-zookeeper: " + kafkaZookeeper);
    }
    if (!zookeeper.isEmpty()) {
      lines.add("zookeeper: " + zookeeper);
    }
    if (!rabbitmq.isEmpty()) {
      lines.add("rabbitmq: " + rabbitmq.replaceAll("//[^@/]*@", "//"));
    }
    return lines;
  }
}
