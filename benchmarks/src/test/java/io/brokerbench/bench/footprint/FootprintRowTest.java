package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.JsonFields;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootprintRowTest {
  static FootprintRow rabbit() {
    return new FootprintRow(
        "rabbitmq",
        "classic",
        Status.OK,
        "",
        3,
        List.of("epmd", "beam.smp", "erl_child_setup"),
        3,
        8_400,
        120L << 20,
        400L << 20,
        1_000_000,
        1024,
        1_000_000,
        95_000,
        1_100L << 20,
        1_150L << 20,
        20,
        7,
        12,
        1,
        Map.of("rabbitmq-1/conf/rabbitmq.conf", 4));
  }

  @Test
  void theJsonFieldsAreTheIssuesNames() throws Exception {
    JsonNode json = new ObjectMapper().valueToTree(rabbit());
    for (String field :
        List.of(
            "system",
            "mode",
            "processes",
            "startToReadyMs",
            "idleRssBytes",
            "loadedRssBytes",
            "diskBytesAfterMillion",
            "messages",
            "configLines",
            "status")) {
      assertTrue(json.has(field), field + " in " + json);
    }
    assertEquals(1_000_000, json.get("messages").asLong());
    assertEquals("beam.smp", json.get("processNames").get(1).asText());
  }

  @Test
  void everyFieldNameTheClaimsReadIsAFieldOfAFootprintRow() {
    List<String> checked = JsonFields.assertNameFieldsOf(rabbit());
    assertTrue(checked.contains(FootprintRow.BROKER_PROCESSES), checked.toString());
  }

  @Test
  void anOkRowNeedsMeasuredFigures() {
    IllegalArgumentException noMemory =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FootprintRow(
                    "kafka",
                    "kraft",
                    Status.OK,
                    "",
                    1,
                    List.of("java"),
                    1,
                    5_000,
                    0,
                    1,
                    10,
                    1024,
                    10,
                    1,
                    0,
                    0,
                    1,
                    1,
                    0,
                    0,
                    Map.of()));
    assertTrue(noMemory.getMessage().startsWith("idleRssBytes"), noMemory.getMessage());
    IllegalArgumentException badSum =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FootprintRow(
                    "kafka",
                    "kraft",
                    Status.OK,
                    "",
                    1,
                    List.of("java"),
                    1,
                    5_000,
                    1,
                    1,
                    10,
                    1024,
                    10,
                    1,
                    0,
                    0,
                    3,
                    1,
                    0,
                    0,
                    Map.of()));
    assertTrue(badSum.getMessage().contains("files + environment + arguments"));
    IllegalArgumentException names =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FootprintRow(
                    "kafka",
                    "kraft",
                    Status.OK,
                    "",
                    2,
                    List.of("java"),
                    2,
                    5_000,
                    1,
                    1,
                    10,
                    1024,
                    10,
                    1,
                    0,
                    0,
                    1,
                    1,
                    0,
                    0,
                    Map.of()));
    assertTrue(names.getMessage().startsWith("processNames"), names.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> FootprintRow.failed("activemq", "x", "unknown"));
  }

  @Test
  void skippedAndFailedRowsCarryTheirReasonAndNoFigures() {
    FootprintRow skipped = FootprintRow.skipped("rabbitmq", "classic", "not installed");
    assertEquals(Status.SKIPPED, skipped.status());
    assertEquals(-1, skipped.idleRssBytes());
    assertEquals(0, skipped.processes());
  }

  @Test
  void theTableShowsEveryRowWithUnitsAndTheReasons() {
    FootprintRow zeromq =
        new FootprintRow(
            "zeromq",
            "brokerless",
            Status.OK,
            "",
            1,
            List.of("java"),
            0,
            600,
            60L << 20,
            90L << 20,
            20_000,
            1024,
            20_000,
            400,
            0,
            0,
            7,
            0,
            0,
            7,
            Map.of());
    String md =
        FootprintTable.markdown(
            List.of(
                rabbit(), zeromq, FootprintRow.failed("kafka", "zookeeper", "ZooKeeper refused")));
    assertTrue(md.startsWith("## Footprint (claims K6, R3, Z5)"), md);
    assertTrue(
        md.contains(
            "| rabbitmq | classic | ok | 3 (3) | 8,400 ms | 120.0 MiB | 400.0 MiB | 1,000,000 ×"
                + " 1.0 KiB | 1,000,000 | 95.0 s | 1.1 GiB | 20 (7 + 12 + 1) |"),
        md);
    assertTrue(md.contains("| zeromq | brokerless | ok | 1 (0) |"), md);
    assertTrue(md.contains("| 0 B | 7 (0 + 0 + 7) |"), md);
    assertTrue(md.contains("| kafka | zookeeper | failed |"), md);
    assertTrue(md.contains("- kafka zookeeper: ZooKeeper refused"), md);
    assertTrue(md.contains("- rabbitmq classic: processes epmd, beam.smp, erl_child_setup"), md);
  }

  @Test
  void bytesReadInBinaryUnits() {
    assertEquals("512 B", FootprintTable.bytes(512));
    assertEquals("1.0 KiB", FootprintTable.bytes(1024));
    assertEquals("1.5 MiB", FootprintTable.bytes(3L << 19));
    assertEquals("n/a", FootprintTable.bytes(-1));
  }

  @Test
  void profilesSendTheClaimsMillionOutsideSmokeAndRefuseUnknownOnes() {
    assertEquals(20_000, FootprintSuite.Settings.forProfile(Profile.SMOKE).messages());
    assertEquals(1_000_000, FootprintSuite.Settings.forProfile(Profile.FULL).messages());
    assertEquals(1024, FootprintSuite.Settings.forProfile(Profile.QUICK).messageBytes());
    assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast"));
    assertThrows(
        IllegalArgumentException.class, () -> new FootprintSuite.Settings(0, 1024, Duration.ZERO));
  }

  @Test
  void anExternalRabbitMqIsASkippedRowAndTheJsonSaysWhatWasSent() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    FootprintSuite suite =
        new FootprintSuite(
            new FootprintSuite.Settings(100, 1024, Duration.ZERO),
            RunPlan.of(Profile.SMOKE, Set.of(BenchSystem.RABBITMQ))
                .withExternal(new External("", "", "", "amqp://guest:guest@127.0.0.1:5672/%2F")),
            new Progress(new PrintStream(console, true), 1));
    suite.run();
    assertEquals(Status.SKIPPED, suite.rows().get(0).status());
    assertTrue(console.toString().contains("footprint rabbitmq, 100 messages"), console.toString());
    assertTrue(console.toString().contains("SKIPPED: an external RabbitMQ"), console.toString());
    Map<String, Object> json = suite.json();
    assertEquals("footprint", json.get("scenario"));
    assertEquals(100L, json.get("messages"));
  }
}
