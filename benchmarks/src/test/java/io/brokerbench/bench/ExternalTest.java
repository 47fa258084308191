package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An external cluster that does not answer is named, with what to check, before a run starts. */
class ExternalTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aKafkaThatRefusesTheConnectionIsNamedWithWhatToCheck() throws IOException {
    int closed = closedPort();
    External external = new External("127.0.0.1:" + closed, "", "", "");

    List<String> problems =
        external.unreachable(EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.ZEROMQ), TIMEOUT);

    assertEquals(1, problems.size(), problems.toString());
    String problem = problems.get(0);
    assertTrue(
        problem.startsWith(
            "kafka.bootstrap: no Kafka broker answered at 127.0.0.1:"
                + closed
                + " (connection refused)."),
        problem);
    assertTrue(problem.contains("is running"), problem);
    assertTrue(problem.contains("firewall"), problem);
    assertTrue(problem.contains(ExternalDefaults.KAFKA_KRAFT_BOOTSTRAP), problem);
    assertTrue(problem.contains("leave out -Dkafka.bootstrap"), problem);
  }

  @Test
  void oneAnsweringBootstrapServerIsEnough() throws IOException {
    try (ServerSocket broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      External external =
          new External(
              "", "127.0.0.1:" + closedPort() + ",127.0.0.1:" + broker.getLocalPort(), "", "");
      assertEquals(
          List.of(), external.unreachable(EnumSet.of(BenchSystem.KAFKA_ZOOKEEPER), TIMEOUT));
    }
  }

  @Test
  void aClusterOfASystemThatDoesNotRunIsNotAsked() throws IOException {
    External external = new External("127.0.0.1:" + closedPort(), "", "", "");
    assertEquals(List.of(), external.unreachable(EnumSet.of(BenchSystem.RABBITMQ), TIMEOUT));
  }

  /** Durability, footprint and metadata skip an external cluster: they never connect to it. */
  @Test
  void onlyClustersThatASelectedSuiteConnectsToAreAsked() {
    String kafka = "--kafka-bootstrap=127.0.0.1:9092";
    assertEquals(
        EnumSet.noneOf(BenchSystem.class),
        BenchConfig.parse(kafka, "--suites=durability,footprint,metadata").connectsTo());
    assertEquals(
        EnumSet.noneOf(BenchSystem.class),
        BenchConfig.parse(kafka, "--suites=latency", "--systems=rabbitmq").connectsTo());
    for (String suite : List.of("startup", "throughput", "latency")) {
      assertEquals(
          EnumSet.of(BenchSystem.KAFKA_KRAFT),
          BenchConfig.parse(kafka, "--suites=footprint," + suite).connectsTo(),
          suite);
    }
  }

  @Test
  void aRabbitMqIsNamedByHostAndPortWithoutItsPassword() throws IOException {
    int closed = closedPort();
    External external =
        new External("", "", "", "amqp://guest:secret@127.0.0.1:" + closed + "/%2F");

    List<String> problems = external.unreachable(EnumSet.of(BenchSystem.RABBITMQ), TIMEOUT);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "rabbitmq.uri: no RabbitMQ answered at 127.0.0.1:"
                    + closed
                    + " (connection refused)"),
        problems.get(0));
    assertFalse(problems.get(0).contains("secret"), problems.get(0));
    assertEquals(
        List.of("127.0.0.1:5672"),
        new External("", "", "", "amqp://guest:guest@127.0.0.1/").addresses(BenchSystem.RABBITMQ));
  }

  @Test
  void anUnknownHostIsSaidSo() {
    assertEquals(
        "unknown host no-such-host.invalid",
        External.connect("no-such-host.invalid:9092", TIMEOUT));
  }

  /** The run ends before it begins: the problem is the last line, exit code 2, no results. */
  @Test
  void benchMainStopsBeforeTheRunWithTheProblemAsItsLastLine(@TempDir Path results)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int closed = closedPort();

    int exit =
        new BenchMain(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                "--systems=kafka-kraft",
                "--kafka-bootstrap=127.0.0.1:" + closed,
                "--results=" + results);

    assertEquals(2, exit);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no run was announced");
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).startsWith("brokerbench: kafka.bootstrap: no Kafka broker answered at"),
        lines.get(0));
    try (Stream<Path> written = Files.list(results)) {
      assertEquals(List.of(), written.toList(), "no run folder, not even an unfinished one");
    }
  }

  /** A loopback port that nothing listens on: one that was free a moment ago. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
