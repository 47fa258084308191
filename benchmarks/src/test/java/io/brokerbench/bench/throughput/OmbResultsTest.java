package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.row.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenMessaging Benchmark's result fields, from a trial's own logs, in OMB's units. */
class OmbResultsTest {
  private static final String TRIAL = "rabbitmq-ack-1-topic-1-partition-1kb";

  @TempDir Path staging;

  /** A log of a warm-up interval, then measured 2 s intervals each holding {@code values} ns. */
  private void log(String file, long[]... measured) throws IOException {
    Path trials = Files.createDirectories(staging.resolve("trials"));
    try (PrintStream out = new PrintStream(trials.resolve(file).toFile(), StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(out);
      writer.outputLogFormatVersion();
      writer.outputLegend();
      long start = 1_000_000;
      Histogram warmup = new Histogram(3);
      warmup.recordValue(999_000_000);
      warmup.setStartTimeStamp(start);
      warmup.setEndTimeStamp(start + 500);
      warmup.setTag("warmup");
      writer.outputIntervalHistogram(warmup);
      start += 500;
      for (long[] values : measured) {
        Histogram interval = new Histogram(3);
        for (long value : values) {
          interval.recordValue(value);
        }
        interval.setStartTimeStamp(start);
        interval.setEndTimeStamp(start + 2_000);
        interval.setTag("measurement");
        writer.outputIntervalHistogram(interval);
        start += 2_000;
      }
    }
  }

  private static ThroughputRow row(Status status) {
    return new ThroughputRow(
        "rabbitmq",
        "1 node, classic queues",
        "ack",
        "1-topic-1-partition-1kb",
        1024,
        status,
        "",
        2,
        0,
        0,
        0,
        0,
        0,
        3,
        List.of(2.0),
        List.of(List.of(2.0)),
        false,
        false,
        65_536,
        0,
        0,
        0,
        null,
        "",
        0,
        List.of(),
        0,
        0,
        0,
        TRIAL);
  }

  @Test
  void eachMeasuredIterationIsAWindowInOmbsFieldsAndUnits() throws IOException {
    // Round 1: two measured iterations; round 2: one. End to end 2 ms and 4 ms; publish 1 ms.
    log(TRIAL + "-r1.hlog", new long[] {2_000_000, 2_000_000}, new long[] {4_000_000});
    log(TRIAL + "-r1" + TrialOutput.PUBLISH_LOG, new long[] {1_000_000}, new long[] {1_000_000});
    log(TRIAL + "-r1" + TrialOutput.SEND_DELAY_LOG, new long[] {}, new long[] {});
    log(TRIAL + "-r2.hlog", new long[] {4_000_000, 4_000_000, 4_000_000, 4_000_000});
    Files.writeString(staging.resolve("trials/" + TRIAL + "-r1.delivery.json"), "{\"failed\":8}");

    int written =
        OmbResults.write(
            staging, List.of(row(Status.OK), row(Status.FAILED)), List.of(ThroughputPlan.BASELINE));

    assertEquals(1, written);
    JsonNode omb = new ObjectMapper().readTree(staging.resolve("omb/" + TRIAL + ".json").toFile());
    assertEquals("1-topic-1-partition-1kb", omb.get("workload").asText());
    assertEquals("rabbitmq ack", omb.get("driver").asText());
    assertEquals(1024, omb.get("messageSize").asInt());
    assertEquals(1, omb.get("consumersPerTopic").asInt());
    // Rates over each 2 s window, rounds in order; the warm-up interval is not a window.
    assertEquals(List.of(1.0, 0.5, 2.0), doubles(omb.get("consumeRate")));
    assertEquals(List.of(0.5, 0.5), doubles(omb.get("publishRate")));
    // Round 1 failed 8 sends over its 4 measured seconds: 2 a second in each of its windows.
    assertEquals(List.of(2.0, 2.0, 0.0), doubles(omb.get("publishErrorRate")));
    // Latencies in milliseconds (HdrHistogram's 3 significant digits).
    assertEquals(2.0, omb.get("endToEndLatency99pct").get(0).asDouble(), 0.01);
    assertEquals(4.0, omb.get("aggregatedEndToEndLatencyMax").asDouble(), 0.01);
    assertEquals(1.0, omb.get("aggregatedPublishLatency50pct").asDouble(), 0.01);
    assertFalse(omb.get("aggregatedEndToEndLatencyQuantiles").isEmpty());
    // The bundled workload is unpaced: each send is due when the window lets it go.
    assertEquals(List.of(0.0, 0.0), doubles(omb.get("publishDelayLatency99pct")));
    assertEquals(0, omb.get("aggregatedPublishDelayLatency99pct").asLong());
    assertEquals(2, omb.get("brokerbench").get("rounds").asInt());
  }

  @Test
  void aRowWithoutLogsOrOfAWorkloadNotRunWritesNothing() {
    assertEquals(0, OmbResults.write(staging, List.of(row(Status.OK)), List.of("other")));
    assertEquals(
        0, OmbResults.write(staging, List.of(row(Status.OK)), List.of(ThroughputPlan.BASELINE)));
    assertFalse(Files.exists(staging.resolve("omb")));
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }
}
