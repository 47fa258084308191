package io.brokerbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class table from synthetic result folders, where every figure is known: verdict counts,
 * medians and ranges, flags, and the folders it leaves out.
 */
class ClassTableTest {
  @TempDir Path dir;

  private static String environment(String run, String profile, String git, String kafka) {
    return """
        {"run": "%s", "profile": "%s", "git": {"revision": "%s0000000", "dirty": false},
         "machine": {"cpuModel": "AMD EPYC", "cores": 2, "memoryBytes": 25276502016,
                     "hostname": "vm"},
         "os": {"name": "Linux", "kernel": "6.1", "arch": "amd64",
                "distribution": "Debian GNU/Linux 12"},
         "jvm": {"vendor": "Debian", "name": "OpenJDK 64-Bit Server VM", "version": "17.0.15"},
         "brokers": [
           {"name": "kafka-kraft", "software": "Apache Kafka", "version": "%s",
            "config": {"log.dirs": "/home/someone/brokerbench/target/data"}},
           {"name": "rabbitmq", "software": "RabbitMQ", "version": "3.10.8"}]}
        """
        .formatted(run, profile, git, kafka);
  }

  private static String summary(String k1, String z2) {
    return """
        {"run": "r", "claims": [
          {"id": "K1", "claim": "Kafka has high throughput", "verdict": "%s"},
          {"id": "Z2", "claim": "ZeroMQ has no message durability", "verdict": "%s"}]}
        """
        .formatted(k1, z2);
  }

  private static String throughput(double kafkaAck, double rabbitAck) {
    return """
        {"rows": [
          {"system": "kafka-kraft", "tier": "ack", "topology": "1-topic-1-partition-1kb",
           "messageBytes": 1024, "status": "ok", "msgPerSec": %s},
          {"system": "kafka-kraft", "tier": "ack", "topology": "1-topic-16-partitions-1kb",
           "messageBytes": 1024, "status": "ok", "msgPerSec": 999999},
          {"system": "rabbitmq", "tier": "ack", "topology": "1-topic-1-partition-1kb",
           "messageBytes": 1024, "status": "ok", "msgPerSec": %s},
          {"system": "zeromq", "tier": "ack", "topology": "1-topic-1-partition-1kb",
           "messageBytes": 1024, "status": "not offered", "msgPerSec": 0}]}
        """
        .formatted(kafkaAck, rabbitAck);
  }

  private static final String LATENCY =
      """
      {"rows": [
        {"system": "rabbitmq", "tier": "ack", "messageBytes": 1024, "targetPerSec": 1000,
         "arrivals": "fixed", "status": "ok", "p99Us": 2500},
        {"system": "rabbitmq", "tier": "ack", "messageBytes": 1024, "targetPerSec": 5000,
         "arrivals": "fixed", "status": "ok", "p99Us": 9999000},
        {"system": "kafka-kraft", "tier": "ack", "messageBytes": 1024, "targetPerSec": 1000,
         "arrivals": "fixed", "status": "saturated"}]}
      """;

  private static String durability(int lost) {
    return """
        {"rows": [
          {"system": "rabbitmq", "mode": "1 node", "tier": "ack", "fault": "SIGKILL node, restart",
           "nodes": 1, "status": "ok", "acked": 10000, "ackedLost": %d},
          {"system": "kafka-kraft", "mode": "3 brokers, min.insync.replicas 2", "tier": "ack",
           "fault": "kill the leader", "nodes": 3, "status": "ok", "acked": 1000, "ackedLost": 10},
          {"system": "kafka-kraft", "mode": "3 brokers, min.insync.replicas 2, unclean on",
           "tier": "ack", "fault": "kill the leader", "nodes": 3, "status": "ok", "acked": 1000,
           "ackedLost": 20},
          {"system": "zeromq", "mode": "brokerless", "tier": "none", "fault": "SIGKILL consumer",
           "nodes": 2, "status": "ok", "acked": 0, "ackedLost": 0}]}
        """
        .formatted(lost);
  }

  private Path run(String name, String environment, String summary, Map<String, String> files)
      throws Exception {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("environment.json"), environment);
    if (summary != null) {
      Files.writeString(folder.resolve("summary.json"), summary);
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
    return folder;
  }

  /** Three students: two ran quick at one head, one ran full at another with another Kafka. */
  private List<Path> threeRuns() throws Exception {
    Path alice =
        run(
            "alice",
            environment("20261201-100000-quick", "quick", "aaaaaaa", "3.9.1"),
            summary("nuanced", "supported"),
            Map.of(
                "throughput.json",
                throughput(40_000, 30_000),
                "latency.json",
                LATENCY,
                "durability.json",
                durability(2000)));
    Path bob =
        run(
            "bob",
            environment("20261201-110000-quick", "quick", "aaaaaaa", "3.9.1"),
            summary("nuanced", "supported"),
            Map.of(
                "throughput.json", throughput(10_000, 20_000), "durability.json", durability(0)));
    Path carol =
        run(
            "carol",
            environment("20261201-120000-full", "full", "bbbbbbb", "4.0.0"),
            summary("supported", "not measured"),
            Map.of("throughput.json", throughput(100_000, 25_000)));
    return List.of(alice, bob, carol);
  }

  @Test
  void countsVerdictsAndGivesEachFiguresMedianAndRange() throws Exception {
    String md = ClassTable.read(threeRuns(), System.err).markdown();
    assertTrue(md.startsWith("# Class table: 3 runs\n"), md);
    assertTrue(md.contains("| K1 Kafka has high throughput | 1 | 0 | 2 | 0 | #3 supported |"), md);
    assertTrue(
        md.contains("| Z2 ZeroMQ has no message durability | 2 | 0 | 0 | 1 | #3 not measured |"),
        md);
    // Kafka ack: 40,000, 10,000 and 100,000; the 16-partition row is another workload.
    assertTrue(
        md.contains("| kafka-kraft ack | 3 of 3 | 40,000 | 10,000 (#2) | 100,000 (#3) | 10.00 |"),
        md);
    assertTrue(
        md.contains("| rabbitmq ack | 3 of 3 | 25,000 | 20,000 (#2) | 30,000 (#1) | 1.50 |"), md);
    assertFalse(md.contains("999,999"), md);
    assertFalse(md.contains("| zeromq ack"), md);
    // p99 at 1,000 msg/s only, and only where it was sustained.
    assertTrue(md.contains("| rabbitmq ack | 1 of 3 | 2.50 | 2.50 | 2.50 | 1.00 |"), md);
    assertFalse(md.contains("9,999"), md);
    assertFalse(md.contains("| kafka-kraft ack | 1 of 3"), md);
    // Lost over acknowledged; 20 % and 0 % give a median of 10 % and no ratio.
    assertTrue(
        md.contains(
            "| rabbitmq, 1 node, ack: SIGKILL node, restart | 2 of 3 | 10.00 % | 0.00 % (#2) |"
                + " 20.00 % (#1) | — |"),
        md);
    // The two Kafka rows alike but for their mode stay apart, the second told by what it adds.
    assertTrue(md.contains("| kafka-kraft, 3 nodes, ack: kill the leader | 2 of 3 | 1.00 % |"), md);
    assertTrue(
        md.contains(
            "| kafka-kraft, 3 nodes, ack: kill the leader (unclean on) | 2 of 3 | 2.00 % |"),
        md);
    assertFalse(md.contains("zeromq, 2 nodes"), md);
  }

  @Test
  void runsWithAnotherProfileHeadOrBrokerVersionAreFlagged() throws Exception {
    String md = ClassTable.read(threeRuns(), System.err).markdown();
    assertTrue(
        md.contains(
            "| 1 | alice (run 20261201-100000-quick) | quick | aaaaaaa | Apache Kafka 3.9.1,"
                + " RabbitMQ 3.10.8 | AMD EPYC, 2 cores, 23.5 GiB, Debian GNU/Linux 12, Linux 6.1"
                + " amd64, OpenJDK 17.0.15, host vm | |"),
        md);
    assertTrue(
        md.contains(
            "| 3 | carol (run 20261201-120000-full) | full | bbbbbbb | Apache Kafka 4.0.0,"
                + " RabbitMQ 3.10.8 |"),
        md);
    assertTrue(
        md.contains("| profile full; git bbbbbbb; Apache Kafka 4.0.0 |\n"),
        md.lines().toList().toString());
    assertTrue(md.contains("- **Profiles differ**: `quick` #1, #2; `full` #3."), md);
    assertTrue(md.contains("- **Apache Kafka versions differ**: `3.9.1` #1, #2; `4.0.0` #3."), md);
    assertFalse(md.contains("RabbitMQ versions differ"), md);
    // What environment.json records of the machine it ran on is never written out.
    assertFalse(md.contains("/home/someone"), md);
  }

  @Test
  void matchingRunsSaySoAndFlagNothing() throws Exception {
    List<Path> runs = threeRuns().subList(0, 2);
    String md = ClassTable.read(runs, System.err).markdown();
    assertTrue(
        md.contains("Profiles, git heads and broker versions are the same in every run."), md);
    assertFalse(md.contains("Flagged:"), md);
  }

  @Test
  void aTieHasNoMostCommonValueAndFlagsEveryRun() throws Exception {
    List<Path> runs = List.of(threeRuns().get(0), threeRuns().get(2));
    String md = ClassTable.read(runs, System.err).markdown();
    assertTrue(md.contains("| profile quick; git aaaaaaa; Apache Kafka 3.9.1 |"), md);
    assertTrue(md.contains("| profile full; git bbbbbbb; Apache Kafka 4.0.0 |"), md);
    assertTrue(md.contains("no most common verdict: `nuanced` #1; `supported` #2"), md);
  }

  @Test
  void badFoldersAreLeftOutWithOneLineEachAndTheRestCompared() throws Exception {
    List<Path> good = threeRuns();
    Path source = dir.resolve("src");
    Files.createDirectories(source);
    Path older =
        run(
            "older",
            environment("20261101-000000-quick", "quick", "ccccccc", "3.9.1"),
            null,
            Map.of());
    Path noClaims =
        run(
            "no-claims",
            environment("20261102-000000-quick", "quick", "ccccccc", "3.9.1"),
            "{\"run\": \"x\", \"verdicts\": {\"K1\": \"supported\"}}",
            Map.of());
    Path missing = dir.resolve("nope");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CompareRuns(new PrintStream(out), new PrintStream(err))
            .run(
                good.get(0).toString(),
                source.toString(),
                good.get(1).toString(),
                older.toString(),
                noClaims.toString(),
                missing.toString(),
                good.get(2).toString());
    assertEquals(0, code, err.toString());
    assertEquals(
        List.of(
            "compare: "
                + source
                + " left out: not a result folder: it has no environment.json (a result folder is"
                + " what `mvn verify -Pbench` writes as results/<run>/)",
            "compare: "
                + older
                + " left out: it has no summary.json, so it holds no verdicts: a run that did not"
                + " finish, or one from before the claims were judged; run it again with this"
                + " harness",
            "compare: "
                + noClaims
                + " left out: its summary.json has no claims with an id and a verdict, so it is of"
                + " an older or unknown format; run it again with this harness",
            "compare: " + missing + " left out: not a folder"),
        err.toString().lines().toList());
    String md = out.toString();
    assertTrue(md.startsWith("# Class table: 3 runs\n"), md);
    assertTrue(md.contains("- `" + older + "`: it has no summary.json"), md);
    assertTrue(md.contains("| 3 | carol (run 20261201-120000-full) |"), md);
  }

  @Test
  void aBrokenResultFileLeavesOutItsFiguresOnly() throws Exception {
    List<Path> runs = threeRuns();
    Files.writeString(runs.get(2).resolve("throughput.json"), "{ broken");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String md = ClassTable.read(runs, new PrintStream(err)).markdown();
    assertTrue(
        err.toString()
            .startsWith(
                "compare: "
                    + runs.get(2)
                    + ": cannot read "
                    + runs.get(2).resolve("throughput.json")),
        err.toString());
    assertTrue(err.toString().trim().endsWith("; its figures are left out"), err.toString());
    assertTrue(md.contains("| kafka-kraft ack | 2 of 3 | 25,000 |"), md);
    assertTrue(md.contains("| K1 Kafka has high throughput | 1 | 0 | 2 | 0 |"), md);
  }

  @Test
  void noResultFolderAtAllIsRefused() throws Exception {
    Path source = dir.resolve("src");
    Files.createDirectories(source);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CompareRuns(new PrintStream(out), new PrintStream(err))
            .run(source.toString(), dir.resolve("a").toString(), dir.resolve("b").toString());
    assertEquals(2, code);
    assertTrue(
        err.toString().trim().endsWith("compare: none of the 3 folders is a result folder"),
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void twoFoldersCompareSideBySideUnlessAskedForTheClassTable() throws Exception {
    List<Path> runs = threeRuns();
    ByteArrayOutputStream pair = new ByteArrayOutputStream();
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new ByteArrayOutputStream());
    assertEquals(
        0, new CompareRuns(new PrintStream(pair), err).run(runs.get(0) + "", runs.get(1) + ""));
    assertEquals(
        0,
        new CompareRuns(new PrintStream(table), err)
            .run("--class", runs.get(0) + "", runs.get(1) + ""));
    assertTrue(pair.toString().startsWith("# Comparing two runs"), pair.toString());
    assertTrue(table.toString().startsWith("# Class table: 2 runs"), table.toString());
  }

  @Test
  void foldersOfTheSameNameAreToldApartByTheirPath() throws Exception {
    Path first = threeRuns().get(0);
    Path copy = dir.resolve("machine-2").resolve("alice");
    Files.createDirectories(copy);
    for (String file : List.of("environment.json", "summary.json", "throughput.json")) {
      Files.copy(first.resolve(file), copy.resolve(file));
    }
    String md = ClassTable.read(List.of(first, copy), System.err).markdown();
    assertTrue(md.contains("| 1 | " + first + " (run 20261201-100000-quick) |"), md);
    assertTrue(md.contains("| 2 | " + copy + " (run 20261201-100000-quick) |"), md);
  }
}
