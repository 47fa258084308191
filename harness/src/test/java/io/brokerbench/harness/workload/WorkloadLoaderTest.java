package io.brokerbench.harness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadLoaderTest {

  /** A valid workload, one field per line, so a test can replace a line and know its number. */
  private static final List<String> VALID =
      List.of(
          "name: t", // 1
          "topics: 1", // 2
          "partitionsPerTopic: 1", // 3
          "messageSize: 1024", // 4
          "subscriptionsPerTopic: 1", // 5
          "producersPerTopic: 1", // 6
          "consumerPerSubscription: 1", // 7
          "producerRate: 0", // 8
          "testDurationSeconds: 20", // 9
          "warmupDurationSeconds: 5", // 10
          "tier: ack"); // 11

  /** The valid workload with the line of {@code field} set to {@code field: value}. */
  private static String with(String field, String value) {
    return VALID.stream()
        .map(line -> line.startsWith(field + ":") ? field + ": " + value : line)
        .collect(Collectors.joining("\n"));
  }

  private static String without(String field) {
    return VALID.stream()
        .map(line -> line.startsWith(field + ":") ? "# no " + field : line)
        .collect(Collectors.joining("\n"));
  }

  private static LoadedWorkload parse(String yaml) {
    return WorkloadLoader.parse("bad.yaml", yaml, "bad");
  }

  private static String error(String yaml) {
    WorkloadException e = assertThrows(WorkloadException.class, () -> parse(yaml));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void aBacklogItCannotBuildIsRefusedNotIgnored() {
    WorkloadException refused =
        assertThrows(
            WorkloadException.class,
            () ->
                WorkloadLoader.parse(
                    "backlog.yaml",
                    "topics: 1\npartitionsPerTopic: 1\nmessageSize: 1024\n"
                        + "subscriptionsPerTopic: 1\nproducersPerTopic: 1\n"
                        + "consumerPerSubscription: 1\ntestDurationMinutes: 1\n"
                        + "consumerBacklogSizeGB: 100\n",
                    "backlog"));
    assertTrue(
        refused.getMessage().startsWith("backlog.yaml:8: consumerBacklogSizeGB: "),
        refused.getMessage());
  }

  @Test
  void aReferenceIsABundledNameOrAUsersFileNamedInResultsByItsFileNameAlone(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("1-topic-1-partition-1kb.yaml"),
            "topics: 2\npartitionsPerTopic: 1\nmessageSize: 300\nsubscriptionsPerTopic: 1\n"
                + "producersPerTopic: 1\nconsumerPerSubscription: 1\ntestDurationMinutes: 1\n");

    assertEquals(1, WorkloadLoader.loadReference("1-topic-1-partition-1kb").workload().topics());
    assertEquals(2, WorkloadLoader.loadReference(file.toString()).workload().topics());
    assertEquals("1-topic-1-partition-1kb", WorkloadLoader.label("1-topic-1-partition-1kb"));
    assertEquals("1-topic-1-partition-1kb.yaml", WorkloadLoader.label(file.toString()));
    assertEquals("mine.yml", WorkloadLoader.label("/any/where/mine.yml"));
  }

  @Test
  void readsEveryField() {
    LoadedWorkload loaded = parse(String.join("\n", VALID));
    assertEquals(
        new Workload("t", 1, 1, 1024, 1, 1, 1, 0, 20, 5, GuaranteeTier.ACK), loaded.workload());
    assertEquals(List.of(), loaded.warnings());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1-topic-1-partition-1kb",
        "1-topic-1-partition-100b",
        "1-topic-1-partition-16kb",
        "1-topic-16-partitions-1kb",
        "1-topic-1-partition-4-producers-1kb",
        "1-topic-1-partition-4-subscriptions-1kb"
      })
  void bundledWorkloadsLoadWithoutWarnings(String name) {
    LoadedWorkload loaded = WorkloadLoader.loadResource("workloads/" + name + ".yaml");
    assertEquals(name, loaded.workload().name());
    assertEquals(List.of(), loaded.warnings());
  }

  @Test
  void bundledWorkloadsHaveTheShapeTheirNamesSay() {
    Workload fanIn =
        WorkloadLoader.loadResource("workloads/1-topic-1-partition-4-producers-1kb.yaml")
            .workload();
    assertEquals(4, fanIn.producersPerTopic());
    Workload fanOut =
        WorkloadLoader.loadResource("workloads/1-topic-1-partition-4-subscriptions-1kb.yaml")
            .workload();
    assertEquals(4, fanOut.subscriptionsPerTopic());
    Workload scaleOut =
        WorkloadLoader.loadResource("workloads/1-topic-16-partitions-1kb.yaml").workload();
    assertEquals(16, scaleOut.partitionsPerTopic());
    assertEquals(16, scaleOut.consumerPerSubscription());
  }

  @Test
  void anOpenMessagingBenchmarkFileLoadsWithWarnings() {
    LoadedWorkload loaded =
        WorkloadLoader.loadResource("workloads/omb-1-topic-16-partitions-100b.yaml");
    Workload workload = loaded.workload();
    assertEquals("1 topic / 16 partitions / 100b", workload.name());
    assertEquals(16, workload.partitionsPerTopic());
    assertEquals(100, workload.messageSize());
    assertEquals(50_000, workload.producerRate());
    assertEquals(15 * 60, workload.testDurationSeconds());
    assertEquals(60, workload.warmupDurationSeconds(), "the OpenMessaging default warm-up");
    assertEquals(GuaranteeTier.ACK, workload.tier(), "the default tier");

    String source = "workloads/omb-1-topic-16-partitions-100b.yaml";
    List<String> warnings = loaded.warnings();
    assertTrue(
        warnings.contains(
            source
                + ":8: keyDistributor: accepted but not used: brokerbench sends without keys and"
                + " spreads each producer's messages over the partitions round robin"),
        warnings.toString());
    for (String field :
        List.of(
            "useRandomizedPayloads",
            "randomBytesRatio",
            "randomizedPayloadPoolSize",
            "payloadFile",
            "consumerBacklogSizeGB",
            "tier",
            "warmupDurationMinutes")) {
      assertTrue(
          warnings.stream().anyMatch(w -> w.startsWith(source + ":") && w.contains(field + ": ")),
          field + " in " + warnings);
    }
    assertEquals(8, warnings.size(), warnings.toString());
  }

  @Test
  void anUnknownFieldIsAWarning() {
    LoadedWorkload loaded = parse(String.join("\n", VALID) + "\nbatchSizeBytes: 16384");
    assertEquals(List.of("bad.yaml:12: batchSizeBytes: unknown field, ignored"), loaded.warnings());
  }

  /** The largest of the OpenMessaging Benchmark's own files (its 1m-topic-1kb-4p-4c-500k). */
  @Test
  void aMillionTopicsOfTheOpenMessagingBenchmarksFilesLoad() {
    LoadedWorkload loaded =
        WorkloadLoader.parse(
            "1m-topic.yaml",
            String.join(
                "\n",
                "name: 1m-topic",
                "topics: 1000000",
                "partitionsPerTopic: 1",
                "messageSize: 1024",
                "useRandomizedPayloads: true",
                "randomBytesRatio: 0.5",
                "randomizedPayloadPoolSize: 1000",
                "subscriptionsPerTopic: 1",
                "consumerPerSubscription: 1",
                "producersPerTopic: 1",
                "producerRate: 500000",
                "consumerBacklogSizeGB: 0",
                "testDurationMinutes: 15"),
            "1m-topic");
    assertEquals(1_000_000, loaded.workload().topics());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tier|strong|bad.yaml:11: tier: 'strong' is not a guarantee tier; use one of none, ack,"
            + " durable, replicated",
        "messageSize|-1|bad.yaml:4: messageSize: -1 is out of range; give 28 to 104857600 bytes",
        "messageSize|209715200|bad.yaml:4: messageSize: 209715200 is out of range; give 28 to"
            + " 104857600 bytes",
        "messageSize|16|bad.yaml:4: messageSize: 16 is out of range; give 28 to 104857600 bytes",
        "messageSize|1.5|bad.yaml:4: messageSize: 1.5 is not a whole number",
        "messageSize|1kb|bad.yaml:4: messageSize: '1kb' is not a number",
        "messageSize|99999999999|bad.yaml:4: messageSize: 99999999999 is out of range; it is far"
            + " too large",
        "messageSize|[1, 2]|bad.yaml:4: messageSize: expected a single value, found a list",
        "messageSize|~|bad.yaml:4: messageSize: has no value",
        "topics|0|bad.yaml:2: topics: 0 is out of range; give 1 to 1000000 topics",
        "producersPerTopic|-3|bad.yaml:6: producersPerTopic: -3 is out of range; give 1 to 1000"
            + " producers",
        "consumerPerSubscription|0|bad.yaml:7: consumerPerSubscription: 0 is out of range; give 1"
            + " to 1000 consumers",
        "producerRate|-5|bad.yaml:8: producerRate: -5 is out of range; give 0 to 100000000"
            + " messages per second (0: unpaced)",
        "testDurationSeconds|0|bad.yaml:9: testDurationSeconds: 0 is out of range; give 1 to 86400"
            + " seconds",
        "warmupDurationSeconds|-1|bad.yaml:10: warmupDurationSeconds: -1 is out of range; give 0"
            + " to 86400 seconds",
        "name|''|bad.yaml:1: name: has no value",
      })
  void aBadValueIsOneLineWithFileLineAndField(String field, String value, String expected) {
    assertEquals(expected, error(with(field, value)));
  }

  @Test
  void tooManyPartitionsInAllIsRefused() {
    String yaml =
        with("topics", "100").replace("partitionsPerTopic: 1", "partitionsPerTopic: 20000");
    assertEquals(
        "bad.yaml:3: partitionsPerTopic: 20000 partitions in each of 100 topics make 2000000"
            + " partitions; at most 1000000 in all",
        error(yaml));
  }

  @Test
  void aYamlSyntaxErrorGivesLineAndColumn() {
    String yaml = with("topics", "[1, 2").replace("partitionsPerTopic: 1", "partitionsPerTopic 1");
    String message = error(yaml);
    assertTrue(message.startsWith("bad.yaml:"), message);
    assertTrue(message.contains(": YAML syntax error: "), message);

    String colon = error(with("name", "a: b"));
    assertTrue(
        colon.startsWith("bad.yaml:1:8: YAML syntax error: mapping values are not allowed"), colon);
  }

  @Test
  void aMissingFieldIsNamed() {
    assertEquals(
        "bad.yaml:1: topics: is missing; give the number of topics, e.g. topics: 1",
        error(without("topics")));
    assertEquals(
        "bad.yaml:1: testDurationMinutes: is missing; give the test duration as"
            + " testDurationMinutes or testDurationSeconds",
        error(without("testDurationSeconds")));
  }

  @Test
  void defaultsForWhatTheFileDoesNotSayAreWarnings() {
    LoadedWorkload loaded = parse(without("tier"));
    assertEquals(GuaranteeTier.ACK, loaded.workload().tier());
    assertEquals(
        List.of(
            "bad.yaml:1: tier: not given; measuring at 'ack' (give tier: none, ack or durable to"
                + " choose)"),
        loaded.warnings());
  }

  @Test
  void minutesAreReadAsTheOpenMessagingBenchmarkWritesThem() {
    String yaml =
        with("testDurationSeconds", "1")
            .replace("testDurationSeconds: 1", "testDurationMinutes: 2")
            .replace("warmupDurationSeconds: 5", "warmupDurationMinutes: 1");
    Workload workload = parse(yaml).workload();
    assertEquals(120, workload.testDurationSeconds());
    assertEquals(60, workload.warmupDurationSeconds());
  }

  @Test
  void minutesAndSecondsTogetherAreRefused() {
    String yaml = String.join("\n", VALID) + "\ntestDurationMinutes: 1";
    assertEquals(
        "bad.yaml:9: testDurationSeconds: given together with testDurationMinutes (line 12); give"
            + " one of them",
        error(yaml));
    assertEquals(
        "bad.yaml:9: testDurationMinutes: -1 is out of range; give 1 to 1440 minutes",
        error(
            with("testDurationSeconds", "1")
                .replace("testDurationSeconds: 1", "testDurationMinutes: -1")));
  }

  @Test
  void aFieldGivenTwiceIsRefused() {
    assertEquals(
        "bad.yaml:12: topics: given twice (first on line 2)",
        error(String.join("\n", VALID) + "\ntopics: 2"));
  }

  @Test
  void aNearMissOfAnUnsetFieldIsRefusedNotDefaulted() {
    assertEquals(
        "bad.yaml:11: tiers: unknown field; did you mean 'tier'?",
        error(with("tier", "durable").replace("tier: durable", "tiers: durable")));
  }

  @Test
  void aFileThatIsNotAMappingIsRefused() {
    assertEquals(
        "bad.yaml: is empty; a workload is a list of fields such as 'topics: 1'", error(""));
    assertEquals(
        "bad.yaml:1: a workload is a mapping of fields ('topics: 1'), found a list",
        error("- topics: 1"));
  }

  @Test
  void aFileIsNamedByItsPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, with("tier", "strongest"));
    WorkloadException e = assertThrows(WorkloadException.class, () -> WorkloadLoader.load(file));
    assertEquals(
        file
            + ":11: tier: 'strongest' is not a guarantee tier; use one of none, ack, durable, replicated",
        e.getMessage());
    assertEquals(11, e.line());
    assertEquals("tier", e.field());

    Path missing = dir.resolve("missing.yaml");
    WorkloadException absent =
        assertThrows(WorkloadException.class, () -> WorkloadLoader.load(missing));
    assertTrue(absent.getMessage().startsWith(missing + ": cannot be read: "), absent.getMessage());
  }

  @Test
  void aFileWithoutANameIsNamedAfterTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my-shape.yaml");
    Files.writeString(file, without("name"));
    assertEquals("my-shape", WorkloadLoader.load(file).workload().name());
  }

  @Test
  void editDistanceCountsEdits() {
    assertEquals(0, WorkloadLoader.editDistance("tier", "tier"));
    assertEquals(1, WorkloadLoader.editDistance("tiers", "tier"));
    assertEquals(2, WorkloadLoader.editDistance("partitonsPerTopc", "partitionsPerTopic"));
  }
}
