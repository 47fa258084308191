package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.brokers.Work;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The footprint of the two quickest setups for real: Kafka in KRaft mode (one JVM) and ZeroMQ (one
 * peer JVM), 5,000 messages of 1 KiB each. Every figure must be measured and plausible, and the
 * suite must leave neither a process nor a data directory behind.
 */
class FootprintSuiteIT {
  private static final int MESSAGES = 5_000;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void kafkaKraftAndZeroMqAreMeasuredAndLeaveNothingBehind() throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    FootprintSuite suite =
        new FootprintSuite(
            new FootprintSuite.Settings(MESSAGES, 1024, Duration.ofSeconds(1)),
            RunPlan.of(Profile.SMOKE, EnumSet.of(BenchSystem.KAFKA_KRAFT, BenchSystem.ZEROMQ)),
            new Progress(new PrintStream(console, true), 2));
    suite.run();
    List<FootprintRow> rows = suite.rows();
    System.out.println(console);
    assertEquals(2, rows.size());

    FootprintRow kafka = rows.get(0);
    assertEquals(Status.OK, kafka.status(), kafka.reason());
    assertEquals("kraft", kafka.mode());
    assertEquals(1, kafka.processes(), "one combined broker+controller JVM: " + kafka);
    assertEquals(List.of("java"), kafka.processNames());
    assertTrue(kafka.startToReadyMs() > 0, kafka.toString());
    assertTrue(kafka.idleRssBytes() > 50L << 20, "a broker JVM holds more than 50 MiB: " + kafka);
    assertTrue(kafka.loadedRssBytes() >= kafka.idleRssBytes() / 2, kafka.toString());
    assertEquals(MESSAGES, kafka.acknowledged());
    assertTrue(
        kafka.diskBytesAfterMillion() >= (long) MESSAGES * 1024,
        "the log holds at least the payloads: " + kafka);
    assertTrue(
        kafka.configSources().keySet().stream()
            .anyMatch(source -> source.endsWith("conf/server.properties")),
        kafka.configSources().toString());
    assertTrue(kafka.configSources().containsKey("kafka-kraft-1 command StorageTool"));
    assertTrue(kafka.configFileLines() >= 10, kafka.toString());

    FootprintRow zeromq = rows.get(1);
    assertEquals(Status.OK, zeromq.status(), zeromq.reason());
    assertEquals("brokerless", zeromq.mode());
    assertEquals(0, zeromq.brokerProcesses());
    assertEquals(1, zeromq.processes(), zeromq.toString());
    assertEquals(MESSAGES, zeromq.acknowledged(), "every message echoed back");
    assertEquals(0, zeromq.diskBytesAfterMillion(), "the peer stored nothing: " + zeromq);
    assertTrue(zeromq.idleRssBytes() > 10L << 20, zeromq.toString());
    assertEquals(0, zeromq.configFileLines());
    assertTrue(zeromq.configArgumentLines() > 0, zeromq.toString());

    assertTrue(
        console.toString().contains("footprint kafka-kraft, 5,000 messages"), console.toString());
    assertEquals(2, suite.descriptions().size());
    assertNoDataLeft();
  }

  /** Every broker directory of this test JVM was deleted after its setup stopped. */
  private static void assertNoDataLeft() throws IOException {
    Path root = Work.root();
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> left = dirs.filter(dir -> dir.getFileName().toString().contains("-")).toList();
      assertTrue(
          left.stream().noneMatch(dir -> dir.getFileName().toString().contains("kafka-kraft"))
              && left.stream().noneMatch(dir -> dir.getFileName().toString().contains("zeromq")),
          "data directories left: " + left);
    }
  }
}
