package io.brokerbench.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.RunDirectory;
import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.footprint.FootprintRow;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.latency.SearchRow;
import io.brokerbench.bench.metadata.MetadataRow;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.startup.StartupRow;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suites' own row records, written as BenchMain writes them (Jackson, into a run folder) and
 * read back by the claims: a field renamed on one side only turns a verdict into "not measured",
 * and this test fails.
 */
class RoundTripTest {
  /** BenchMain's writer: a plain ObjectMapper that indents. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path results;

  /**
   * A record built by component name, the rest 0, false, "", ok, empty or null (a status may be
   * given as its text): the names are the JSON fields the rules read, so a name the record lacks
   * fails here, saying which.
   */
  static <R extends Record> R record(Class<R> type, Map<String, Object> values) {
    return record(type, values, Map.of());
  }

  /**
   * As {@link #record(Class, Map)}, with {@code ifPresent}: values set only where the record has
   * the field (those added to a suite's rows later, which older records lack).
   */
  static <R extends Record> R record(
      Class<R> type, Map<String, Object> values, Map<String, Object> ifPresent) {
    RecordComponent[] components = type.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    for (String name : values.keySet()) {
      if (!names.contains(name)) {
        throw new AssertionError(
            type.getSimpleName() + " has no field '" + name + "' that the claims read: " + names);
      }
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> t = components[i].getType();
      types[i] = t;
      Object given = values.getOrDefault(name(components[i]), ifPresent.get(name(components[i])));
      if (given instanceof Number n && (t == int.class || t == Integer.class)) {
        args[i] = n.intValue();
      } else if (given instanceof Number n && (t == long.class || t == Long.class)) {
        args[i] = n.longValue();
      } else if (given instanceof Number n && (t == double.class || t == Double.class)) {
        args[i] = n.doubleValue();
      } else if (given instanceof String text && t == Status.class) {
        args[i] =
            Status.parse(text)
                .orElseThrow(() -> new AssertionError("no status is spelled '" + text + "'"));
      } else if (given != null) {
        args[i] = given;
      } else if (t == int.class) {
        args[i] = 0;
      } else if (t == long.class) {
        args[i] = 0L;
      } else if (t == double.class) {
        args[i] = 0.0;
      } else if (t == boolean.class) {
        args[i] = false;
      } else if (t == String.class) {
        args[i] = "";
      } else if (t == Status.class) {
        args[i] = Status.OK;
      } else if (t == List.class) {
        args[i] = List.of();
      } else if (t == Map.class) {
        args[i] = Map.of();
      }
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot build a " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static String name(RecordComponent component) {
    return component.getName();
  }

  static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private RunRows write(String file, List<? extends Record> rows) throws Exception {
    RunDirectory run = RunDirectory.create(results, "roundtrip");
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("scenario", RunRows.suiteOf(file));
    document.put("rows", rows);
    run.write(file, JSON.writeValueAsString(document));
    return RunRows.of(run.staging());
  }

  /** One run folder holding every file of {@code documents}, file name to its JSON document. */
  private RunRows writeRun(Map<String, Map<String, Object>> documents) throws Exception {
    RunDirectory run = RunDirectory.create(results, "roundtrip-all");
    for (Map.Entry<String, Map<String, Object>> file : documents.entrySet()) {
      run.write(file.getKey(), JSON.writeValueAsString(file.getValue()));
    }
    return RunRows.of(run.staging());
  }

  private static Map<String, Object> document(String file, List<? extends Record> rows) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("scenario", RunRows.suiteOf(file));
    document.put("rows", rows);
    return document;
  }

  private static DurabilityRow crash(
      String system, String tier, String fault, int nodes, long sent, long received, long lost) {
    return record(
        DurabilityRow.class,
        fields(
            "system",
            system,
            "mode",
            "m",
            "tier",
            tier,
            "fault",
            fault,
            "nodes",
            nodes,
            "sent",
            sent,
            "acked",
            sent,
            "received",
            received,
            "ackedLost",
            lost,
            "recoveryMs",
            2_000L,
            "status",
            Status.OK),
        // settled by a fresh consumer, with a backlog at risk, in rows that say so
        fields("readBack", "a fresh consumer from the start", "atRisk", 500L));
  }

  @Test
  void durabilityRowsGiveK2R2AndZ3TheirVerdicts() throws Exception {
    List<DurabilityRow> rows = new ArrayList<>();
    rows.add(crash("kafka-kraft", "durable", "SIGKILL partition leader", 3, 16_001, 16_001, 0));
    rows.add(crash("kafka-kraft", "ack", "SIGKILL partition leader", 3, 16_001, 15_873, 128));
    rows.add(crash("rabbitmq", "durable", "SIGKILL queue leader", 3, 16_001, 15_990, 11));
    rows.add(crash("zeromq", "none", "slow subscriber, HWM 100", 2, 16_001, 4_448, 0));
    rows.add(crash("zeromq", "none", "late joiner", 2, 16_001, 16_001, 0));
    RunRows run = write("durability.json", rows);

    ClaimResult k2 = DurabilityClaims.k2(run);
    assertEquals(Verdict.NUANCED, k2.verdict(), k2.toString());
    assertEquals(128L, k2.figures().get("ack: acknowledged lost"));
    ClaimResult r2 = DurabilityClaims.r2(run);
    assertEquals(Verdict.NUANCED, r2.verdict(), r2.toString());
    assertEquals(11L, r2.figures().get("rabbitmq 3+ nodes: acknowledged lost"));
    ClaimResult z3 = DurabilityClaims.z3(run);
    assertEquals(Verdict.NUANCED, z3.verdict(), z3.toString());
    assertEquals(11_553L, z3.figures().get("slow-subscriber: accepted lost"));
  }

  /** Z2 reads {@code atRisk} and {@code refused} from the durability suite's own rows. */
  @Test
  void durabilityRowsGiveZ2ItsVerdictOnWhatZeroMqAccepted() throws Exception {
    Map<String, Object> lossy =
        fields(
            "system",
            "zeromq",
            "mode",
            "brokerless, PUSH/PULL",
            "tier",
            "none",
            "fault",
            "SIGKILL consumer, restart",
            "nodes",
            2,
            "sent",
            16_001L,
            "refused",
            5L,
            "atRisk",
            300L,
            "received",
            15_876L,
            "status",
            Status.OK);
    RunRows run = write("durability.json", List.of(record(DurabilityRow.class, lossy)));
    ClaimResult z2 = DurabilityClaims.z2(run);
    assertEquals(Verdict.SUPPORTED, z2.verdict(), z2.toString());
    // 16,001 sent, 5 refused, 15,876 received: 120 accepted and lost, the 5 not among them
    assertEquals(120L, z2.comparisons().get(0).value());

    lossy.put("received", 15_996L);
    run = write("durability.json", List.of(record(DurabilityRow.class, lossy)));
    assertEquals(Verdict.REFUTED, DurabilityClaims.z2(run).verdict());

    lossy.put("atRisk", 0L);
    run = write("durability.json", List.of(record(DurabilityRow.class, lossy)));
    assertEquals(Verdict.NOT_MEASURED, DurabilityClaims.z2(run).verdict());
  }

  private static MetadataRow point(
      String mode, String shape, int partitions, long createOnlineMs, Long failoverMs) {
    return record(
        MetadataRow.class,
        fields(
            "mode",
            mode,
            "shape",
            shape,
            "partitions",
            partitions,
            "topics",
            partitions,
            "replicationFactor",
            1,
            "createdPartitions",
            partitions,
            "createOnlineMs",
            createOnlineMs,
            "controllerFailoverMs",
            failoverMs,
            "failoverTimeoutMs",
            failoverMs == null ? null : mode.equals("zookeeper") ? 18_000L : 2_000L,
            // ZooKeeper mode's second failover, with KRaft's 2 s as its session timeout: the
            // shipped one's timeout (18 s) less 17 s of waiting.
            "failoverAtEqualTimeoutMs",
            failoverMs == null || !mode.equals("zookeeper") ? null : failoverMs - 17_000,
            "equalFailoverTimeoutMs",
            failoverMs == null || !mode.equals("zookeeper") ? null : 2_000L,
            "status",
            Status.OK));
  }

  @Test
  void metadataRowsGiveK5ItsVerdictPerShapeAndK4() throws Exception {
    List<MetadataRow> rows =
        List.of(
            point("zookeeper", "many-topics", 1_000, 14_000, 20_300L),
            point("kraft", "many-topics", 1_000, 5_700, 4_000L),
            point("zookeeper", "many-topics", 10_000, 88_000, 20_900L),
            point("kraft", "many-topics", 10_000, 19_000, 3_000L),
            point("zookeeper", "few-topics", 1_000, 6_300, null),
            point("kraft", "few-topics", 1_000, 4_600, null),
            point("zookeeper", "few-topics", 10_000, 13_800, null),
            point("kraft", "few-topics", 10_000, 13_900, null));
    RunRows run = write("metadata-scaling.json", rows);

    ClaimResult k5 = MetadataClaims.k5(run);
    assertEquals(Verdict.NUANCED, k5.verdict(), k5.toString());
    // many topics: 2.46x to 4.63x, grew 1.88x; failover at equal 2 s timeouts 0.83x to 1.30x,
    // grew 1.57x but ZooKeeper mode's own time flat (3.3 s to 3.9 s); few topics: 1.37x to 0.99x
    List<Comparison.Side> sides = k5.comparisons().stream().map(Comparison::side).toList();
    assertEquals(
        List.of(Comparison.Side.FOR, Comparison.Side.BETWEEN, Comparison.Side.AGAINST), sides);
    assertNotNull(k5.figures().get("few-topics: createOnlineMs at 10000: zookeeper/kraft"));
    assertEquals(4.63, k5.figures().get("many-topics: createOnlineMs at 10000: zookeeper/kraft"));

    assertEquals(18_000L, k5.figures().get("many-topics: zookeeper failover timeout ms"));
    assertTrue(
        k5.comparisons().get(1).name().startsWith("many-topics: controllerFailoverMs at equal"),
        k5.comparisons().get(1).name());
    assertEquals(
        2_000L,
        k5.figures().get("many-topics: zookeeper equal-timeout failover session timeout ms"));

    ClaimResult k4 = FootprintClaims.k4(run);
    assertEquals(Verdict.REFUTED, k4.verdict(), k4.toString());
  }

  // ---- every suite at once: each claim's verdict from the suites' own rows ----

  private static final String ONE = "1-topic-1-partition-1kb";
  private static final String SIXTEEN = "1-topic-16-partitions-1kb";
  private static final String FAN_IN = "1-topic-1-partition-4-producers-1kb";
  private static final String MESH = "1-topic-1-partition-4-producers-4-subscriptions-1kb";

  private static String modeOf(String system) {
    return switch (system) {
      case "kafka-kraft" -> "kraft, 1 broker";
      case "kafka-zookeeper" -> "zookeeper, 1 broker + 1 ZooKeeper";
      case "rabbitmq" -> "1 node, durable classic queue";
      case "zeromq" -> "brokerless mesh (PUSH/PULL; PUB/SUB for several subscriptions)";
      default -> "through a proxy (XSUB/XPUB)";
    };
  }

  /** An ok throughput row measured in three interleaved rounds, with its TCP connections. */
  private static ThroughputRow throughput(
      String system, String tier, String topology, int connections, double... rounds) {
    List<Double> perRound = Arrays.stream(rounds).boxed().toList();
    double mean = perRound.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return record(
        ThroughputRow.class,
        fields(
            "system",
            system,
            "mode",
            modeOf(system),
            "tier",
            tier,
            "topology",
            topology,
            "messageBytes",
            1024,
            "status",
            "ok",
            "msgPerSec",
            mean,
            "minPerSec",
            perRound.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
            "maxPerSec",
            perRound.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
            "connections",
            connections,
            "rounds",
            perRound));
  }

  /** An ok latency point whose three repeats agree, with the spread of their p99s. */
  private static LatencyRow latency(
      String system, String tier, int targetPerSec, double p99Us, double minUs, double maxUs) {
    return record(
        LatencyRow.class,
        fields(
            "system",
            system,
            "mode",
            modeOf(system),
            "tier",
            tier,
            "messageBytes",
            1024,
            "targetPerSec",
            targetPerSec,
            "status",
            Status.OK,
            "achievedPerSec",
            targetPerSec,
            "repeats",
            3,
            "p99Us",
            p99Us,
            "p99MinUs",
            minUs,
            "p99MaxUs",
            maxUs,
            "repeatsAgree",
            true));
  }

  /** A rate search that converged: sustained at {@code lower}, saturated at {@code high}. */
  private static SearchRow search(String system, String tier, int lower, int high) {
    return record(
        SearchRow.class,
        fields(
            "system",
            system,
            "mode",
            modeOf(system),
            "tier",
            tier,
            "highestSustainedPerSec",
            lower,
            "provenLowerPerSec",
            lower,
            "bracketHighPerSec",
            high,
            "converged",
            true));
  }

  /** An ok footprint row: one named process per process, config lines from files and arguments. */
  private static FootprintRow footprint(
      String system,
      String mode,
      List<String> processNames,
      int brokerProcesses,
      long startToReadyMs,
      long idleRssBytes,
      long loadedRssBytes,
      long diskBytes,
      int configFileLines,
      int configArgumentLines) {
    return record(
        FootprintRow.class,
        fields(
            "system",
            system,
            "mode",
            mode,
            "status",
            "ok",
            "processes",
            processNames.size(),
            "processNames",
            processNames,
            "brokerProcesses",
            brokerProcesses,
            "startToReadyMs",
            startToReadyMs,
            "idleRssBytes",
            idleRssBytes,
            "loadedRssBytes",
            loadedRssBytes,
            "messages",
            1_000_000L,
            "messageBytes",
            1024,
            "acknowledged",
            1_000_000L,
            "diskBytesAfterMillion",
            diskBytes,
            "configLines",
            configFileLines + configArgumentLines,
            "configFileLines",
            configFileLines,
            "configArgumentLines",
            configArgumentLines));
  }

  /** An ok start: {@code processes} started, 100 messages acknowledged, {@code readBack} read. */
  private static StartupRow start(
      String system, String mode, int attempt, int processes, long startMs, int readBack) {
    return record(
        StartupRow.class,
        fields(
            "system",
            system,
            "mode",
            mode,
            "attempt",
            attempt,
            "status",
            "ok",
            "processes",
            processes,
            "startToReadyMs",
            startMs,
            "messages",
            100,
            "acknowledged",
            100,
            "readBack",
            readBack));
  }

  private static Comparison comparison(ClaimResult result, String name) {
    return result.comparisons().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no comparison '" + name + "' in " + result));
  }

  /**
   * Every suite's rows, built from the suites' record classes and written as BenchMain writes them,
   * give every claim a verdict that the figures decide: a field renamed in a record or in a rule
   * turns one of these into "not measured" or moves a ratio, and the assertion names which.
   */
  @Test
  void theSuitesOwnRowsGiveEveryClaimItsVerdict() throws Exception {
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    files.put(
        "throughput.json",
        document(
            "throughput.json",
            List.of(
                throughput("kafka-kraft", "ack", ONE, 2, 88_000, 90_000, 92_000),
                throughput("kafka-zookeeper", "ack", ONE, 2, 78_000, 80_000, 82_000),
                throughput("rabbitmq", "ack", ONE, 2, 29_000, 30_000, 31_000),
                record(
                    ThroughputRow.class,
                    fields(
                        "system",
                        "rabbitmq",
                        "mode",
                        modeOf("rabbitmq"),
                        "tier",
                        "durable",
                        "topology",
                        ONE,
                        "messageBytes",
                        1024,
                        "status",
                        "ok",
                        "msgPerSec",
                        12_000,
                        "harnessBound",
                        true)),
                throughput("kafka-kraft", "ack", SIXTEEN, 17, 176_000, 180_000, 184_000),
                throughput("zeromq", "none", ONE, 1, 390_000, 400_000, 410_000),
                throughput("kafka-kraft", "none", ONE, 2, 39_000, 40_000, 41_000),
                throughput("zeromq", "none", FAN_IN, 4, 98_000, 100_000, 102_000),
                throughput("kafka-kraft", "none", FAN_IN, 5, 39_000, 40_000, 41_000),
                throughput("zeromq", "none", MESH, 16, 49_000, 50_000, 51_000),
                throughput("zeromq-proxy", "none", MESH, 8, 59_000, 60_000, 61_000))));
    Map<String, Object> latencyDocument =
        document(
            "latency.json",
            List.of(
                latency("rabbitmq", "ack", 5000, 4000, 3600, 4400),
                latency("kafka-kraft", "ack", 5000, 1000, 900, 1100),
                latency("zeromq", "none", 5000, 100, 90, 110),
                latency("kafka-kraft", "none", 5000, 800, 700, 900)));
    latencyDocument.put(
        "searches",
        List.of(
            search("rabbitmq", "ack", 5_000, 5_500),
            search("kafka-kraft", "ack", 20_000, 22_000),
            search("zeromq", "none", 200_000, 220_000),
            search("kafka-kraft", "none", 40_000, 44_000)));
    files.put("latency.json", latencyDocument);
    files.put(
        "footprint.json",
        document(
            "footprint.json",
            List.of(
                footprint(
                    "kafka",
                    "kraft",
                    List.of("java (kafka.Kafka)"),
                    1,
                    4_000,
                    400_000_000,
                    700_000_000,
                    1_200_000_000,
                    10,
                    2),
                footprint(
                    "kafka",
                    "zookeeper",
                    List.of("java (kafka.Kafka)", "java (QuorumPeerMain)"),
                    2,
                    6_000,
                    600_000_000,
                    900_000_000,
                    1_200_000_000,
                    14,
                    2),
                footprint(
                    "rabbitmq",
                    "classic",
                    List.of("beam.smp", "epmd"),
                    2,
                    3_000,
                    150_000_000,
                    250_000_000,
                    1_100_000_000,
                    4,
                    0),
                footprint(
                    "zeromq",
                    "brokerless",
                    List.of("java (peer)", "java (peer)"),
                    0,
                    300,
                    60_000_000,
                    90_000_000,
                    0,
                    0,
                    2))));
    files.put(
        "startup.json",
        document(
            "startup.json",
            List.of(
                start("kafka-kraft", "kraft, 1 broker+controller", 1, 1, 4_000, 100),
                // the second start read back 97 of the 100 acknowledged: a KRaft start that failed
                start("kafka-kraft", "kraft, 1 broker+controller", 2, 1, 4_200, 97),
                start("kafka-zookeeper", "zookeeper, 1 broker + 1 ZooKeeper", 1, 2, 6_000, 100),
                start("rabbitmq", "1 node, durable classic queue", 1, 2, 3_000, 100),
                start("zeromq", "brokerless, echo peer JVM", 1, 2, 300, 100))));
    files.put(
        "durability.json",
        document(
            "durability.json",
            List.of(
                crash("kafka-kraft", "durable", "SIGKILL partition leader", 3, 16_001, 16_001, 0),
                crash("kafka-kraft", "ack", "SIGKILL partition leader", 3, 16_001, 15_873, 128),
                crash("rabbitmq", "durable", "SIGKILL queue leader", 3, 16_001, 15_990, 11),
                crash("zeromq", "none", "slow subscriber, HWM 100", 2, 16_001, 4_448, 0),
                crash("zeromq", "none", "late joiner", 2, 16_001, 16_001, 0),
                record(
                    DurabilityRow.class,
                    fields(
                        "system",
                        "zeromq",
                        "mode",
                        "brokerless, PUSH/PULL",
                        "tier",
                        "none",
                        "fault",
                        "SIGKILL consumer, restart",
                        "nodes",
                        2,
                        "sent",
                        16_001L,
                        "refused",
                        5L,
                        "atRisk",
                        300L,
                        "received",
                        15_876L,
                        "readBack",
                        "",
                        "status",
                        Status.OK)))));
    files.put(
        "metadata-scaling.json",
        document(
            "metadata-scaling.json",
            List.of(
                point("zookeeper", "many-topics", 1_000, 14_000, 20_300L),
                point("kraft", "many-topics", 1_000, 5_700, 4_000L),
                point("zookeeper", "many-topics", 10_000, 88_000, 20_900L),
                point("kraft", "many-topics", 10_000, 19_000, 3_000L))));
    RunRows run = writeRun(files);

    List<ClaimResult> results = Claims.evaluate(run);
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    StringBuilder reasons = new StringBuilder();
    for (ClaimResult result : results) {
      verdicts.put(result.id(), result.verdict());
      reasons.append('\n').append(result.id()).append(": ");
      reasons.append(Messages.english().get(result.reason())).append(' ');
      reasons.append(result.comparisons());
    }
    Map<String, Verdict> expected = new LinkedHashMap<>();
    // Kafka's two modes 3x and 2.7x RabbitMQ, round by round
    expected.put("K1", Verdict.SUPPORTED);
    // durable lost nothing, acks=1 lost 128
    expected.put("K2", Verdict.NUANCED);
    // 16 partitions 2x one, round by round
    expected.put("K3", Verdict.SUPPORTED);
    // KRaft served everywhere but one start whose round trip lost 3 messages
    expected.put("K4", Verdict.NUANCED);
    // creation grew 1.88x; failover at equal timeouts grew but ZooKeeper mode's own time is flat
    expected.put("K5", Verdict.NUANCED);
    // Kafka heavier in memory and configuration, not in processes or disk
    expected.put("K6", Verdict.NUANCED);
    // RabbitMQ a third of Kafka's msg/s, a quarter of its sustained rate, 4x its p99
    expected.put("R1", Verdict.SUPPORTED);
    // the 3-node cluster lost 11 acknowledged, but recovered as fast as Kafka
    expected.put("R2", Verdict.NUANCED);
    expected.put("R3", Verdict.NUANCED);
    // ZeroMQ 10x and 2.5x Kafka's msg/s, 5x its sustained rate, a seventh of its p99
    expected.put("Z1", Verdict.SUPPORTED);
    // 120 of the 300 accepted and at risk lost
    expected.put("Z2", Verdict.SUPPORTED);
    // the slow subscriber dropped 11,553, the late joiner nothing
    expected.put("Z3", Verdict.NUANCED);
    // ZeroMQ's fan-in a quarter of its 1:1 where Kafka's held; the mesh 2x the proxy's connections
    expected.put("Z4", Verdict.SUPPORTED);
    // no broker process, lighter than each broker on every figure
    expected.put("Z5", Verdict.SUPPORTED);
    assertEquals(expected, verdicts, reasons.toString());

    // The fields that only move a figure, not the verdict, each checked where it is read.
    Map<String, ClaimResult> byId = new LinkedHashMap<>();
    results.forEach(result -> byId.put(result.id(), result));
    // rounds: the interval of the per-round ratios (2.97..3.03), not the iterations' (2.84..3.17)
    Comparison k1 = comparison(byId.get("K1"), "ack " + ONE + ": kafka-kraft/rabbitmq");
    assertEquals(2.97, k1.low(), k1.toString());
    // harnessBound: the row is named, not compared
    assertEquals(
        "rabbitmq durable " + ONE + ": harness-bound",
        byId.get("K1").figures().get("rows set aside"));
    // connections: 16 of the mesh over the proxy's 8
    assertEquals(
        2.0,
        comparison(byId.get("Z4"), "none " + MESH + ": zeromq/zeromq-proxy connections").value());
    // the searches' bracket bounds the sustained rate: without it the ratio has no upper end
    Comparison sustained =
        comparison(byId.get("R1"), "ack: highest sustained rabbitmq/kafka-kraft");
    assertEquals(0.25, sustained.value());
    assertEquals(0.28, sustained.high(), sustained.toString());
    // p99MinUs, p99MaxUs: RabbitMQ's lowest repeat over Kafka's highest
    assertEquals(
        3.27, comparison(byId.get("R1"), "ack at 5000 msg/s: p99 rabbitmq/kafka-kraft").low());
    // every footprint metric of both Kafka modes against RabbitMQ's
    assertEquals(12, byId.get("K6").comparisons().size(), byId.get("K6").comparisons().toString());
    // brokerProcesses, and four metrics (no disk for ZeroMQ) against each of three brokers
    assertEquals(13, byId.get("Z5").comparisons().size(), byId.get("Z5").comparisons().toString());
    assertEquals(
        Comparison.Side.FOR,
        comparison(byId.get("Z5"), "zeromq brokerless: broker processes").side());
    // acknowledged, readBack: the start that lost messages is a KRaft row that failed
    assertEquals(1, comparison(byId.get("K4"), "startup: kraft rows that failed").value());
    // refused, atRisk: 16,001 sent, 5 refused, 15,876 received
    assertEquals(
        120L,
        comparison(
                byId.get("Z2"),
                "brokerless, PUSH/PULL, none, SIGKILL consumer, restart: accepted lost")
            .value());
  }
}
