package io.brokerbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two synthetic result folders compared: ratios, the environment note, and bad folders. */
class CompareRunsTest {
  @TempDir Path dir;

  private static String environment(String run, int cores, String kafkaVersion) {
    return """
        {"run": "%s", "profile": "quick", "git": {"revision": "abc", "dirty": false},
         "machine": {"cpuModel": "AMD EPYC", "cores": %d, "memoryBytes": 25276502016},
         "os": {"distribution": "Debian GNU/Linux 12", "kernel": "6.1", "arch": "amd64"},
         "jvm": {"vendor": "Debian", "name": "OpenJDK", "version": "17.0.15"},
         "brokers": [{"name": "kafka-kraft", "software": "Apache Kafka", "version": "%s"}]}
        """
        .formatted(run, cores, kafkaVersion);
  }

  private static String throughput(double kafka, double rabbit) {
    return """
        {"scenario": "throughput", "rows": [
         {"system": "kafka-kraft", "mode": "kraft, 1 broker", "tier": "ack",
          "topology": "1-topic-1-partition-1kb", "messageBytes": 1024, "status": "ok",
          "msgPerSec": %s, "mbPerSec": 10.0},
         {"system": "rabbitmq", "mode": "1 node", "tier": "ack",
          "topology": "1-topic-1-partition-1kb", "messageBytes": 1024, "status": "ok",
          "msgPerSec": %s},
         {"system": "zeromq", "mode": "brokerless", "tier": "ack",
          "topology": "1-topic-1-partition-1kb", "messageBytes": 1024, "status": "not offered",
          "msgPerSec": 0}]}
        """
        .formatted(kafka, rabbit);
  }

  private Path folder(String name, String environment, String throughput, String startup)
      throws Exception {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("environment.json"), environment);
    Files.writeString(folder.resolve("throughput.json"), throughput);
    if (startup != null) {
      Files.writeString(folder.resolve("startup.json"), startup);
    }
    return folder;
  }

  private static final String STARTUP_A =
      """
      {"rows": [{"system": "kafka-kraft", "mode": "kraft", "status": "ok", "startToReadyMs": 2000},
                {"system": "kafka-kraft", "mode": "kraft", "status": "ok", "startToReadyMs": 9000},
                {"system": "kafka-kraft", "mode": "kraft", "status": "ok", "startToReadyMs": 2200}]}
      """;

  private static final String STARTUP_B =
      """
      {"rows": [{"system": "kafka-kraft", "mode": "kraft", "status": "ok", "startToReadyMs": 1100},
                {"system": "kafka-kraft", "mode": "kraft", "status": "failed", "startToReadyMs": -1}]}
      """;

  @Test
  void ratiosOfMatchingRowsAndANoteWhereTheEnvironmentsDiffer() throws Exception {
    Path a = folder("a", environment("run-a", 2, "3.9.1"), throughput(80_000, 40_000), STARTUP_A);
    Path b = folder("b", environment("run-b", 8, "4.0.0"), throughput(120_000, 10_000), STARTUP_B);
    String md = CompareRuns.compare(a, b);
    assertTrue(
        md.contains(
            "| kafka-kraft, kraft, 1 broker, ack, 1-topic-1-partition-1kb, 1024 | msgPerSec |"
                + " 80,000 | 120,000 | 1.50 |"),
        md);
    assertTrue(
        md.contains(
            "| rabbitmq, 1 node, ack, 1-topic-1-partition-1kb, 1024 | msgPerSec | 40,000 |"
                + " 10,000 | 0.25 |"),
        md);
    assertTrue(
        md.contains(
            "| kafka-kraft, kraft, 1 broker, ack, 1-topic-1-partition-1kb, 1024 | mbPerSec | 10 | 10 | 1.00 |"),
        md);
    // The median start of A (2,200) against B's only ok start (1,100); the failed one is not a
    // figure.
    assertTrue(md.contains("| kafka-kraft, kraft | startToReadyMs | 2,200 | 1,100 | 0.50 |"), md);
    assertFalse(md.contains("zeromq"), md);
    assertTrue(md.contains("**The environments differ**"), md);
    assertTrue(md.contains("- machine.cores: A `2`, B `8`"), md);
    assertTrue(
        md.contains("- broker kafka-kraft: A `Apache Kafka 3.9.1`, B `Apache Kafka 4.0.0`"), md);
    assertFalse(md.contains("machine.cpuModel"), md);
    assertFalse(md.contains("## Durability"), md);
  }

  @Test
  void matchingEnvironmentsSaySo() throws Exception {
    String env = environment("r", 2, "3.9.1");
    Path a = folder("a", env, throughput(1, 1), null);
    Path b = folder("b", env.replace("\"run\": \"r\"", "\"run\": \"s\""), throughput(2, 2), null);
    String md = CompareRuns.compare(a, b);
    assertTrue(md.contains("The environments match"), md);
  }

  @Test
  void aFolderThatIsNotAResultFolderIsAClearOneLineError() throws Exception {
    Path a = folder("a", environment("r", 2, "3.9.1"), throughput(1, 1), null);
    Path notResults = dir.resolve("src");
    Files.createDirectories(notResults);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CompareRuns(new PrintStream(out), new PrintStream(err))
            .run(a.toString(), notResults.toString());
    assertEquals(2, code);
    assertEquals(
        "compare: "
            + notResults
            + " is not a result folder: it has no environment.json; a result folder is what"
            + " `mvn verify -Pbench` writes as results/<run>/",
        err.toString().trim());
    assertEquals("", out.toString());
  }

  @Test
  void missingFolderAndWrongArgumentCountAreRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompareRuns compare =
        new CompareRuns(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(2, compare.run(dir.resolve("nope").toString(), dir.toString()));
    assertTrue(err.toString().contains("is not a folder"), err.toString());
    assertEquals(2, compare.run("only-one"));
    assertTrue(
        err.toString().contains("expected two result folders, or --class with one or more, got 1"),
        err.toString());
  }

  @Test
  void aBrokenResultFileNamesItself() throws Exception {
    Path a = folder("a", environment("r", 2, "3.9.1"), "{ broken", null);
    Path b = folder("b", environment("r", 2, "3.9.1"), throughput(1, 1), null);
    NotAResultFolder e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NotAResultFolder.class, () -> CompareRuns.compare(a, b));
    assertTrue(
        e.getMessage().startsWith("cannot read " + a.resolve("throughput.json")), e.getMessage());
  }

  @Test
  void theOutputCanBeWrittenToAFile() throws Exception {
    Path a = folder("a", environment("r", 2, "3.9.1"), throughput(1, 1), null);
    Path b = folder("b", environment("r", 2, "3.9.1"), throughput(3, 1), null);
    Path file = dir.resolve("compare.md");
    int code =
        new CompareRuns(
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))
            .run(a.toString(), b.toString(), "--out=" + file);
    assertEquals(0, code);
    assertTrue(Files.readString(file).contains("| msgPerSec | 1 | 3 | 3.00 |"));
  }
}
