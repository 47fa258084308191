package io.brokerbench.bench.startup;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaRoundTrip;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.rabbitmq.RabbitRoundTrip;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The first scenario of every run: start each system as the launchers do, measure start-to-ready,
 * send a short round trip of numbered messages and read back every one the system acknowledged,
 * then stop it cleanly. It proves that the brokers of this machine work before any suite measures
 * them, and gives the footprint's start-up times.
 */
public final class StartupScenario implements Suite {
  /** The size of every round-trip message: big enough for the sequence number, no more. */
  static final int MESSAGE_BYTES = 100;

  private final int starts;
  private final int messages;
  private final RunPlan plan;
  private final String rabbitmqUri;
  private final External external;
  private final Progress progress;
  private final List<StartupRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();

  /**
   * @param starts fresh starts per system (their spread is reported)
   * @param messages round-trip messages per start
   * @param plan the systems to start; an external one (a user's cluster) is not started, only its
   *     round trip is measured
   */
  public StartupScenario(int starts, int messages, RunPlan plan, Progress progress) {
    this.starts = starts;
    this.messages = messages;
    this.plan = plan;
    this.rabbitmqUri = plan.external().rabbitmq();
    this.external = plan.external();
    this.progress = progress;
  }

  /** The scenario of {@code plan}'s profile: {@link #starts} and {@link #messages}. */
  public static StartupScenario of(RunPlan plan, Path staging, Progress progress) {
    return new StartupScenario(starts(plan.profile()), messages(plan.profile()), plan, progress);
  }

  /** Fresh starts per system: enough for a spread outside the smoke profile. */
  static int starts(Profile profile) {
    return switch (profile) {
      case SMOKE -> 1;
      case QUICK -> 3;
      case FULL -> 5;
    };
  }

  /** Round-trip messages per start. */
  static int messages(Profile profile) {
    return switch (profile) {
      case SMOKE, QUICK -> 1_000;
      case FULL -> 10_000;
    };
  }

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public int steps() {
    return starts * plan.systems().size();
  }

  /** Runs every start of every system, then deletes the data directories the starts made. */
  @Override
  public void run() {
    for (BenchSystem system : plan.systems()) {
      run(system);
    }
    Work.deleteCreated();
  }

  /** Runs every start of {@code system}; a system that is not available is one skipped row. */
  private void run(BenchSystem system) {
    for (int attempt = 1; attempt <= starts; attempt++) {
      progress.step(system.label() + " start " + attempt + "/" + starts);
      StartupRow row = runOnce(system, attempt);
      rows.add(row);
      progress.done(describe(row));
      if (row.status() == Status.SKIPPED) {
        return;
      }
    }
  }

  @Override
  public List<StartupRow> rows() {
    return List.copyOf(rows);
  }

  /** What the first start of each system ran: versions, ports, configuration. */
  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** {@code startup.json}: one row per start. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "startup");
    json.put("rows", rows());
    return json;
  }

  /** The report's table of starts; empty when nothing ran. */
  @Override
  public String report(Path staging) {
    return rows.isEmpty() ? "" : StartupTable.markdown(rows());
  }

  private StartupRow runOnce(BenchSystem system, int attempt) {
    if (system == BenchSystem.RABBITMQ && !rabbitmqUri.isEmpty()) {
      return externalRabbit(attempt);
    }
    if (system != BenchSystem.RABBITMQ && external.isExternal(system)) {
      return externalKafka(system, attempt);
    }
    Broker broker;
    try {
      broker = create(system);
    } catch (BrokerUnavailableException e) {
      return StartupRow.skipped(system.label(), attempt, e.getMessage());
    }
    String mode = mode(system);
    try (broker) {
      broker.start();
      long startToReadyMs = broker.lastStartToReady().toMillis();
      Description description = broker.describe();
      if (attempt == 1) {
        described.add(description);
      }
      long begin = System.nanoTime();
      int[] ackedAndRead = roundTrip(system, broker);
      long roundTripMs = Duration.ofNanos(System.nanoTime() - begin).toMillis();
      long stopBegin = System.nanoTime();
      broker.stop();
      long stopMs = Duration.ofNanos(System.nanoTime() - stopBegin).toMillis();
      boolean complete = ackedAndRead[0] == messages && ackedAndRead[1] == ackedAndRead[0];
      return new StartupRow(
          system.label(),
          mode,
          attempt,
          complete ? Status.OK : Status.FAILED,
          complete
              ? ""
              : String.format(
                  "%d of %d messages acknowledged, %d of those read back",
                  ackedAndRead[0], messages, ackedAndRead[1]),
          description.pids().size(),
          startToReadyMs,
          messages,
          ackedAndRead[0],
          ackedAndRead[1],
          roundTripMs,
          stopMs);
    } catch (Exception e) {
      return StartupRow.failed(system.label(), mode, attempt, firstLine(e));
    }
  }

  private static Broker create(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER, KAFKA_4 ->
          new KafkaCluster(system.underTest().kafkaSingle());
      case RABBITMQ -> new RabbitCluster(RabbitClusterSpec.single());
      case RABBITMQ_STREAM -> new RabbitCluster(RabbitClusterSpec.single().withStreams());
      case ZEROMQ -> new ZmqEcho();
    };
  }

  private static String mode(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> "kraft, 1 broker+controller";
      case KAFKA_ZOOKEEPER -> "zookeeper, 1 broker + 1 ZooKeeper";
      case KAFKA_4 -> "kraft, 1 broker+controller, Kafka 4.2.2";
      case RABBITMQ -> "1 node, durable classic queue";
      case RABBITMQ_STREAM -> "1 node with the stream plugin, round trip over AMQP";
      case ZEROMQ -> "brokerless, echo peer JVM";
    };
  }

  /** {acknowledged, acknowledged and read back}. */
  private int[] roundTrip(BenchSystem system, Broker broker) throws Exception {
    return switch (system) {
      case KAFKA_KRAFT, KAFKA_ZOOKEEPER, KAFKA_4 -> kafkaRoundTrip((KafkaCluster) broker);
      case RABBITMQ, RABBITMQ_STREAM -> rabbitRoundTrip((RabbitCluster) broker);
      case ZEROMQ -> ((ZmqEcho) broker).roundTrip(messages);
    };
  }

  private int[] kafkaRoundTrip(KafkaCluster kafka) throws Exception {
    return kafkaRoundTrip(kafka.bootstrapServers(), "brokerbench-startup");
  }

  private int[] kafkaRoundTrip(String bootstrap, String topic) throws Exception {
    KafkaRoundTrip.createTopic(bootstrap, topic, 1, (short) 1);
    Set<Long> acked = KafkaRoundTrip.produceDurable(bootstrap, topic, messages, MESSAGE_BYTES);
    Set<Long> read = KafkaRoundTrip.consume(bootstrap, topic, acked.size(), Duration.ofSeconds(60));
    read.retainAll(acked);
    return new int[] {acked.size(), read.size()};
  }

  /**
   * A Kafka that brokerbench did not start: no start-up to time, only the round trip, on a topic of
   * its own that is deleted afterwards (the cluster is somebody else's).
   */
  private StartupRow externalKafka(BenchSystem system, int attempt) {
    String bootstrap = external.of(system);
    String mode = "external, " + bootstrap;
    String topic = "brokerbench-startup-" + System.currentTimeMillis();
    try {
      long begin = System.nanoTime();
      int[] ackedAndRead = kafkaRoundTrip(bootstrap, topic);
      long roundTripMs = Duration.ofNanos(System.nanoTime() - begin).toMillis();
      try (Admin admin =
          Admin.create(
              Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
      return externalRow(system.label(), mode, attempt, ackedAndRead, roundTripMs);
    } catch (Exception e) {
      return StartupRow.failed(system.label(), mode, attempt, firstLine(e));
    }
  }

  /** A RabbitMQ that brokerbench did not start: no start-up to time, only the round trip. */
  private StartupRow externalRabbit(int attempt) {
    String mode = "external, " + rabbitmqUri.replaceAll("//[^@/]*@", "//");
    try {
      long begin = System.nanoTime();
      int[] ackedAndRead = rabbitRoundTrip(rabbitmqUri);
      long roundTripMs = Duration.ofNanos(System.nanoTime() - begin).toMillis();
      return externalRow(BenchSystem.RABBITMQ.label(), mode, attempt, ackedAndRead, roundTripMs);
    } catch (Exception e) {
      return StartupRow.failed(BenchSystem.RABBITMQ.label(), mode, attempt, firstLine(e));
    }
  }

  /**
   * The row of a round trip through a system brokerbench did not start: no processes, start-up or
   * stop of its own to count; failed unless every message was acknowledged and read back.
   *
   * @param ackedAndRead {acknowledged, acknowledged and read back}
   */
  private StartupRow externalRow(
      String system, String mode, int attempt, int[] ackedAndRead, long roundTripMs) {
    boolean complete = ackedAndRead[0] == messages && ackedAndRead[1] == ackedAndRead[0];
    return new StartupRow(
        system,
        mode,
        attempt,
        complete ? Status.OK : Status.FAILED,
        complete ? "" : ackedAndRead[0] + " acknowledged, " + ackedAndRead[1] + " read back",
        0,
        -1,
        messages,
        ackedAndRead[0],
        ackedAndRead[1],
        roundTripMs,
        -1);
  }

  private int[] rabbitRoundTrip(RabbitCluster rabbit) throws Exception {
    return rabbitRoundTrip(rabbit.node(1).uri());
  }

  private int[] rabbitRoundTrip(String uri) throws Exception {
    String queue = "brokerbench-startup";
    try (Connection connection = RabbitRoundTrip.connect(uri)) {
      RabbitRoundTrip.declareDurableQueue(connection, queue, RabbitRoundTrip.QueueType.CLASSIC);
      int confirmed = RabbitRoundTrip.publishConfirmed(connection, queue, messages, MESSAGE_BYTES);
      Set<Long> read = new HashSet<>(RabbitRoundTrip.drain(connection, queue));
      // An external broker keeps the queue: leave nothing of ours behind.
      try (Channel channel = connection.createChannel()) {
        channel.queueDelete(queue);
      }
      read.removeIf(seq -> seq >= confirmed);
      return new int[] {confirmed, read.size()};
    }
  }

  private static String describe(StartupRow row) {
    return switch (row.status()) {
      case OK ->
          String.format(
              "ready in %,d ms, %d/%d messages back in %,d ms, stopped in %,d ms",
              row.startToReadyMs(),
              row.readBack(),
              row.messages(),
              row.roundTripMs(),
              row.stopMs());
      case SKIPPED -> "skipped: " + row.reason();
      default -> "FAILED: " + row.reason();
    };
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e.getClass().getSimpleName() + ": " + message;
  }
}
