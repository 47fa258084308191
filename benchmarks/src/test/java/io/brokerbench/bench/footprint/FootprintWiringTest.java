package io.brokerbench.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.BenchConfig;
import io.brokerbench.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs the footprint suite by default and writes its file and report section. */
class FootprintWiringTest {
  @Test
  void footprintIsASuiteOfTheDefaultRun() {
    assertTrue(BenchConfig.parse().runs("footprint"));
    assertEquals(java.util.Set.of("footprint"), BenchConfig.parse("--suites=footprint").suites());
  }

  /** An external RabbitMQ is skipped without starting anything, so this runs without brokers. */
  @Test
  void aFootprintRunWritesFootprintJsonAndTheReportSection(@TempDir Path results) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new BenchMain(new PrintStream(out, true), new PrintStream(err, true))
            .run(
                "--profile=smoke",
                "--suites=footprint",
                "--systems=rabbitmq",
                "--rabbitmq-uri=amqp://guest:guest@127.0.0.1:5672/%2F",
                "--results=" + results);
    assertEquals(0, code, err.toString());
    Path run = results.resolve("latest");
    JsonNode json = new ObjectMapper().readTree(Files.readString(run.resolve("footprint.json")));
    assertEquals("footprint", json.get("scenario").asText());
    assertEquals(20_000, json.get("messages").asLong());
    assertEquals("skipped", json.get("rows").get(0).get("status").asText());
    String report = Files.readString(run.resolve("REPORT.md"));
    assertTrue(report.contains("## Footprint (claims K6, R3, Z5)"), report);
    assertTrue(out.toString().contains("footprint rabbitmq, 20,000 messages"), out.toString());
  }
}
