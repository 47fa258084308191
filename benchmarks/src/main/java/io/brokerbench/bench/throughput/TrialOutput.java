package io.brokerbench.bench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What one JMH trial leaves beside JMH's own JSON, in the directory {@code
 * -Dbrokerbench.trial.out}: its end-to-end latency histograms ({@code <trial>.hlog}, one interval
 * per iteration, read by HdrHistogram's {@code HistogramLogProcessor}), its publish latencies and
 * send delays the same way ({@code <trial>.publish.hlog}, {@code <trial>.send-delay.hlog}) and its
 * delivery accounting ({@code <trial>.delivery.json}). Without the property (a trial run by hand)
 * nothing is written.
 */
final class TrialOutput {
  static final String OUT_PROPERTY = "brokerbench.trial.out";

  private final Path dir;
  private final String name;
  private final PrintStream log;
  private final HistogramLogWriter writer;
  private final PrintStream publishLog;
  private final HistogramLogWriter publishWriter;
  private final PrintStream sendDelayLog;
  private final HistogramLogWriter sendDelayWriter;

  TrialOutput(String name) throws IOException {
    String out = System.getProperty(OUT_PROPERTY);
    this.name = name;
    this.dir = out == null || out.isBlank() ? null : Path.of(out);
    if (dir == null) {
      log = null;
      writer = null;
      publishLog = null;
      publishWriter = null;
      sendDelayLog = null;
      sendDelayWriter = null;
      return;
    }
    Files.createDirectories(dir);
    log = new PrintStream(dir.resolve(name + ".hlog").toFile(), StandardCharsets.UTF_8);
    writer = histogramLog(log, "end-to-end latency, nanoseconds");
    publishLog = new PrintStream(dir.resolve(name + PUBLISH_LOG).toFile(), StandardCharsets.UTF_8);
    publishWriter =
        histogramLog(publishLog, "publish latency (send to the system's acknowledgement), ns");
    sendDelayLog =
        new PrintStream(dir.resolve(name + SEND_DELAY_LOG).toFile(), StandardCharsets.UTF_8);
    sendDelayWriter =
        histogramLog(sendDelayLog, "send delay (actual send behind its intended time), ns");
  }

  /** The suffix of a trial's publish-latency log beside its end-to-end {@code .hlog}. */
  static final String PUBLISH_LOG = ".publish.hlog";

  /** The suffix of a trial's send-delay log: recorded only when its workload is paced. */
  static final String SEND_DELAY_LOG = ".send-delay.hlog";

  private HistogramLogWriter histogramLog(PrintStream out, String what) {
    HistogramLogWriter log = new HistogramLogWriter(out);
    log.outputLogFormatVersion();
    log.outputComment("brokerbench " + what + ", trial " + name);
    log.outputLegend();
    return log;
  }

  /** A file-name-safe name for a trial: {@code kafka-kraft-ack-1-topic-1-partition-1kb}. */
  static String trialName(String system, String tier, String workload) {
    return (system + "-" + tier + "-" + WorkloadLoader.label(workload))
        .replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * What a trial's fork wrote about itself beside JMH's figures.
   *
   * @param connections TCP connections its workload had open; 0 when not counted
   * @param warmupPerSec the steady-state warm-up's slices, msg/s each
   * @param warmupSettled whether two consecutive slices agreed before the warm-up's cap
   * @param meanLatencyUs the mean time a message spent in flight over the measured iterations (end
   *     to end; for a producer alone, until acknowledged); 0 when nothing was recorded
   * @param windowWaitShare the share of the measured time the producers waited at a full window
   */
  record Summary(
      int connections,
      List<Double> warmupPerSec,
      boolean warmupSettled,
      double meanLatencyUs,
      double windowWaitShare) {
    static final Summary NONE = new Summary(0, List.of(), false, 0, 0);
  }

  /** The summary in {@code trial}'s delivery file under {@code dir}; NONE when it is missing. */
  static Summary summary(Path dir, String trial) {
    Path file = dir.resolve(trial + ".delivery.json");
    try {
      JsonNode json = JSON.readTree(file.toFile());
      List<Double> warmup = new ArrayList<>();
      json.path("warmupPerSec").forEach(value -> warmup.add(value.asDouble()));
      return new Summary(
          Math.max(0, json.path("connections").asInt(0)),
          warmup,
          json.path("warmupSettled").asBoolean(false),
          json.path("meanLatencyUs").asDouble(0),
          json.path("windowWaitShare").asDouble(0));
    } catch (IOException e) {
      return Summary.NONE;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private SteadyState.Outcome warmup = new SteadyState.Outcome(List.of(), false);

  void warmup(SteadyState.Outcome outcome) {
    this.warmup = outcome;
  }

  void interval(Histogram histogram) {
    if (writer != null) {
      writer.outputIntervalHistogram(histogram);
    }
  }

  /** An iteration's publish latencies and send delays, tagged as its end-to-end interval is. */
  void sendIntervals(Histogram publish, Histogram sendDelay) {
    if (publishWriter != null) {
      publishWriter.outputIntervalHistogram(publish);
      sendDelayWriter.outputIntervalHistogram(sendDelay);
    }
  }

  /**
   * Writes the delivery accounting, {@code connections} (the TCP connections the trial's workload
   * had open, -1: not counted), the warm-up's slices and the measured iterations' rate, mean
   * latency and the share of their time the producers waited at a full in-flight window.
   */
  void finish(
      boolean arrived,
      DeliveryReport report,
      int connections,
      double measuredPerSec,
      double meanLatencyUs,
      double windowWaitShare)
      throws IOException {
    if (dir == null) {
      return;
    }
    log.close();
    publishLog.close();
    sendDelayLog.close();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("trial", name);
    json.put("allArrived", arrived);
    json.put("sent", report.sent());
    json.put("acknowledged", report.acknowledged());
    json.put("failed", report.failed());
    json.put("received", report.received());
    json.put("missing", report.missing());
    json.put("duplicates", report.duplicates());
    json.put("reorderings", report.reorderings());
    json.put("lostAcknowledged", report.lostAcknowledged());
    json.put("connections", connections);
    json.put("warmupPerSec", warmup.slicesPerSec());
    json.put("warmupSettled", warmup.settled());
    json.put("measuredPerSec", measuredPerSec);
    json.put("meanLatencyUs", meanLatencyUs);
    json.put("windowWaitShare", windowWaitShare);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve(name + ".delivery.json").toFile(), json);
  }
}
