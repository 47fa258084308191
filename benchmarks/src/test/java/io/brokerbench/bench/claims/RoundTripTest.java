package io.brokerbench.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.brokerbench.bench.RunDirectory;
import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.metadata.MetadataRow;
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
   * A record built by component name, the rest 0, "" or null: the names are the JSON fields the
   * rules read, so a name the record lacks fails here, saying which.
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
      } else if (given != null) {
        args[i] = given;
      } else if (t == int.class) {
        args[i] = 0;
      } else if (t == long.class) {
        args[i] = 0L;
      } else if (t == String.class) {
        args[i] = "";
      } else if (t == List.class) {
        args[i] = List.of();
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
            DurabilityRow.OK),
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
            DurabilityRow.OK);
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
            MetadataRow.OK));
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
}
