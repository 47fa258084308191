package io.brokerbench.bench.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.harness.measure.DeliveryReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What one JMH trial leaves beside JMH's own JSON, in the directory {@code
 * -Dbrokerbench.trial.out}: its end-to-end latency histograms ({@code <trial>.hlog}, one interval
 * per iteration, read by HdrHistogram's {@code HistogramLogProcessor}) and its delivery accounting
 * ({@code <trial>.delivery.json}). Without the property (a trial run by hand) nothing is written.
 */
final class TrialOutput {
  static final String OUT_PROPERTY = "brokerbench.trial.out";

  private final Path dir;
  private final String name;
  private final PrintStream log;
  private final HistogramLogWriter writer;

  TrialOutput(String name) throws IOException {
    String out = System.getProperty(OUT_PROPERTY);
    this.name = name;
    this.dir = out == null || out.isBlank() ? null : Path.of(out);
    if (dir == null) {
      log = null;
      writer = null;
      return;
    }
    Files.createDirectories(dir);
    log = new PrintStream(dir.resolve(name + ".hlog").toFile(), StandardCharsets.UTF_8);
    writer = new HistogramLogWriter(log);
    writer.outputLogFormatVersion();
    writer.outputComment("brokerbench end-to-end latency, nanoseconds, trial " + name);
    writer.outputLegend();
  }

  /** A file-name-safe name for a trial: {@code kafka-kraft-ack-1-topic-1-partition-1kb}. */
  static String trialName(String system, String tier, String workload) {
    return (system + "-" + tier + "-" + workload).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * The TCP connections recorded in {@code trial}'s delivery file under {@code dir}; 0 when the
   * file or the figure is missing (a consumer-only trial, a trial that failed).
   */
  static int connections(Path dir, String trial) {
    Path file = dir.resolve(trial + ".delivery.json");
    try {
      return Math.max(0, JSON.readTree(file.toFile()).path("connections").asInt(0));
    } catch (IOException e) {
      return 0;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  void interval(Histogram histogram) {
    if (writer != null) {
      writer.outputIntervalHistogram(histogram);
    }
  }

  /**
   * Writes the delivery accounting and {@code connections}, the TCP connections the trial's
   * workload had open (-1: not counted).
   */
  void finish(boolean arrived, DeliveryReport report, int connections) throws IOException {
    if (dir == null) {
      return;
    }
    log.close();
    String json =
        String.format(
            "{\"trial\": \"%s\", \"allArrived\": %s, \"sent\": %d, \"acknowledged\": %d,"
                + " \"failed\": %d, \"received\": %d, \"missing\": %d, \"duplicates\": %d,"
                + " \"reorderings\": %d, \"lostAcknowledged\": %d, \"connections\": %d}%n",
            name,
            arrived,
            report.sent(),
            report.acknowledged(),
            report.failed(),
            report.received(),
            report.missing(),
            report.duplicates(),
            report.reorderings(),
            report.lostAcknowledged(),
            connections);
    Files.writeString(dir.resolve(name + ".delivery.json"), json, StandardCharsets.UTF_8);
  }
}
