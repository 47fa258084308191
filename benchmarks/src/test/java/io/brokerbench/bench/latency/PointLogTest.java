package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointLogTest {
  @Test
  void hdrHistogramsOwnProcessorReadsThePointsLog(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in-memory-ack-2000.hlog");
    RatePoint.Measured measured;
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(
                driver,
                new Topology("hlog", 1, 1, 1, 1, 1),
                GuaranteeTier.ACK,
                RigSettings.defaults());
        PointLog log = PointLog.open(file, "in-memory, tier ack, 2,000 msg/s")) {
      RatePoint.Plan plan =
          new RatePoint.Plan(
              2_000,
              100,
              Arrivals.FIXED_RATE,
              Duration.ofMillis(200),
              2,
              Duration.ofMillis(500),
              Duration.ofSeconds(5));
      measured = RatePoint.measure(rig, plan, log);
    }
    assertEquals(2_000, measured.endToEndNs().getTotalCount(), "two repeats of 1,000");

    // Every phase and metric is there, the measured end-to-end ones untagged.
    List<String> tags = new ArrayList<>();
    HistogramLogReader reader = new HistogramLogReader(file.toFile());
    EncodableHistogram interval;
    while ((interval = reader.nextIntervalHistogram()) != null) {
      tags.add(String.valueOf(interval.getTag()));
    }
    assertEquals(
        List.of(
            "warmup",
            "warmup-publish",
            "warmup-send-delay",
            "null",
            "publish",
            "send-delay",
            "null",
            "publish",
            "send-delay"),
        tags);

    // HistogramLogProcessor, untagged by default: exactly the measured end-to-end latencies.
    Path out = dir.resolve("summary");
    processor("-i", file.toString(), "-o", out.toString()).run();
    String distribution = Files.readString(Path.of(out + ".hgrm"));
    Matcher total = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(distribution);
    assertTrue(total.find(), distribution);
    assertEquals(2_000, Long.parseLong(total.group(1)));

    processor("-i", file.toString(), "-o", out + "-publish", "-tag", "publish").run();
    Matcher published =
        Pattern.compile("Total count\\s*=\\s*(\\d+)")
            .matcher(Files.readString(Path.of(out + "-publish.hgrm")));
    assertTrue(published.find());
    assertEquals(2_000, Long.parseLong(published.group(1)), "tier ack: every send acknowledged");
  }

  private static HistogramLogProcessor processor(String... args) throws FileNotFoundException {
    return new HistogramLogProcessor(args);
  }
}
