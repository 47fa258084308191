package io.brokerbench.bench.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.durability.SyncRow;
import io.brokerbench.bench.footprint.FootprintRow;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.metadata.MetadataRow;
import io.brokerbench.bench.startup.StartupRow;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the result files said before the enum: the JSON value of each status, byte for byte. */
  private static final Map<Status, String> WRITTEN =
      Map.of(
          Status.OK, "ok",
          Status.SATURATED, "saturated",
          Status.NOT_OFFERED, "not offered",
          Status.SKIPPED, "skipped",
          Status.FAILED, "failed",
          Status.REFUSED, "refused",
          Status.NOT_RUN, "not run",
          Status.DID_NOT_FINISH, "did not finish");

  @Test
  void everyStatusHasTheStringTheFilesAlwaysHad() {
    assertEquals(EnumSet.allOf(Status.class), EnumSet.copyOf(WRITTEN.keySet()));
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void aStatusRoundTripsThroughJsonAsItsString(Status status) throws Exception {
    String json = JSON.writeValueAsString(status);
    assertEquals('"' + WRITTEN.get(status) + '"', json);
    assertEquals(status, JSON.readValue(json, Status.class));
    assertEquals(Optional.of(status), Status.parse(JSON.readTree(json).asText()));
    assertEquals(WRITTEN.get(status), status.toString(), "text formats it as JSON spells it");
  }

  @Test
  void parsingToleratesCaseBlanksAndTheDetailMetadataRowsAppend() {
    assertEquals(Optional.of(Status.OK), Status.parse(" OK "));
    assertEquals(Optional.of(Status.OK), Status.parse(""), "a row without a status measured");
    assertEquals(Optional.of(Status.OK), Status.parse(null));
    assertEquals(Optional.of(Status.FAILED), Status.parse("failed: the cluster did not start"));
    assertEquals(Optional.of(Status.REFUSED), Status.parse("refused: 12 GiB of memory"));
    assertEquals(Optional.of(Status.NOT_RUN), Status.parse("not run: the 10,000 point failed"));
    assertEquals(Optional.of(Status.DID_NOT_FINISH), Status.parse("did not finish in 4 min: x"));
    assertEquals(Optional.of(Status.NOT_OFFERED), Status.parse("not offered"));
    assertEquals(Optional.empty(), Status.parse("okay"));
    assertEquals(Optional.empty(), Status.parse("ok: but"), "an ok row has no detail");
    assertEquals(Optional.empty(), Status.parse("not measured"));
  }

  @Test
  void onlyFailedFailsTheRun() {
    for (Status status : Status.values()) {
      assertEquals(status == Status.FAILED, status.isFailure(), status.label());
      assertEquals(status == Status.OK, status.ok(), status.label());
    }
  }

  @ParameterizedTest
  @ValueSource(
      classes = {
        ThroughputRow.class,
        LatencyRow.class,
        DurabilityRow.class,
        SyncRow.class,
        FootprintRow.class,
        StartupRow.class,
        MetadataRow.class
      })
  void everyRowIsARowWithAStatusComponent(Class<?> type) {
    assertTrue(Row.class.isAssignableFrom(type), type.getSimpleName() + " implements Row");
    List<String> components =
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    assertTrue(components.contains(Row.STATUS), type.getSimpleName() + ": " + components);
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getName().equals(Row.STATUS)) {
        assertEquals(Status.class, component.getType(), type.getSimpleName());
      }
    }
    if (type != MetadataRow.class) {
      // The sweep's rows are all Kafka's: their mode names the system.
      assertTrue(components.contains(Row.SYSTEM), type.getSimpleName() + ": " + components);
    }
  }

  /** Every field-name constant of a row type names one of its components: a rename reaches it. */
  @ParameterizedTest
  @ValueSource(classes = {ThroughputRow.class, DurabilityRow.class})
  void theFieldNamesTheClaimsReadAreComponentsOfTheRow(Class<?> type) throws Exception {
    List<String> components =
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    int constants = 0;
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isPublic(modifiers)
          && field.getType() == String.class) {
        String name = (String) field.get(null);
        assertTrue(components.contains(name), type.getSimpleName() + "." + field.getName());
        constants++;
      }
    }
    assertTrue(constants > 0, type.getSimpleName() + " names the fields the claims read");
    for (String field : List.of(Row.SYSTEM, Row.STATUS)) {
      assertTrue(components.contains(field), type.getSimpleName() + " has " + field);
    }
  }

  /** The Row methods a record adds beside its components are no fields of the files. */
  @Test
  void rowsWhoseReasonIsTheirNoteOrWhoseSystemIsTheirModeWriteNoSuchField() throws Exception {
    DurabilityRow durability =
        DurabilityRow.notMeasured(
            new DurabilityRow.Scenario("zeromq", "brokerless", "none", "SIGKILL consumer", 2),
            Status.SKIPPED,
            "no peer");
    JsonNode json = JSON.valueToTree(durability);
    assertFalse(json.has(Row.REASON), json.toString());
    assertEquals("no peer", json.get("note").asText());
    assertEquals("skipped", json.get(Row.STATUS).asText());
    assertEquals("no peer", durability.reason());
    MetadataRow metadata =
        MetadataRow.unmeasured("zookeeper", "few-topics", 1_000, 1, 60_000, Status.OK, "");
    JsonNode meta = JSON.valueToTree(metadata);
    assertFalse(meta.has(Row.SYSTEM), meta.toString());
    assertFalse(meta.has("statusText"), meta.toString());
    assertEquals("kafka-zookeeper", metadata.system());
  }

  /** A metadata row's status and reason are one field in the file, spelled as before the enum. */
  @Test
  void aMetadataRowWritesItsStatusAndReasonAsOneField() throws Exception {
    List<String> written = new ArrayList<>();
    for (var outcome :
        List.of(
            Map.entry(Status.OK, ""),
            Map.entry(Status.FAILED, "the cluster did not start: boom"),
            Map.entry(Status.REFUSED, "vm.max_map_count 65530 holds 30,000 partitions"),
            Map.entry(Status.NOT_RUN, "the cluster did not start"),
            Map.entry(Status.DID_NOT_FINISH, "4 min: waiting for logs (12 of 9,000 exist)"))) {
      MetadataRow row =
          MetadataRow.unmeasured(
              "kraft", "many-topics", 10_000, 1, 240_000, outcome.getKey(), outcome.getValue());
      JsonNode json = JSON.valueToTree(row);
      assertFalse(json.has(Row.REASON), "no field of its own: " + json);
      List<String> fields = new ArrayList<>();
      json.fieldNames().forEachRemaining(fields::add);
      assertEquals(Row.STATUS, fields.get(fields.size() - 1), "status stays the last field");
      assertEquals(row.statusText(), json.get(Row.STATUS).asText());
      assertEquals(Optional.of(outcome.getKey()), Status.parse(row.statusText()));
      written.add(row.statusText());
    }
    assertEquals(
        List.of(
            "ok",
            "failed: the cluster did not start: boom",
            "refused: vm.max_map_count 65530 holds 30,000 partitions",
            "not run: the cluster did not start",
            "did not finish in 4 min: waiting for logs (12 of 9,000 exist)"),
        written);
  }
}
