package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.VendorClasspath;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} (artifact {@code kafka-tools}, the
 * broker's version), run in its own JVM against a topic that exists: a producer alone, unthrottled
 * ({@code --throughput -1}), with the client's defaults but for {@code acks}. The JVM runs the tool
 * twice ({@link WarmedRun}) and only the second run is measured: a cold JVM's figure is still
 * climbing after 15 s on the 2-core machine, and our trial it is compared with runs in a warm fork.
 */
public final class KafkaProducerPerformance {
  // "300000 records sent, 45045.0 records/sec (43.99 MB/sec), 120.33 ms avg latency, ..."
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec.*");

  private static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";

  private KafkaProducerPerformance() {}

  /**
   * @param warmUpRecords records of the warm-up run, in the same JVM before the measured one
   *     ({@link WarmedRun}); its figures are discarded
   * @param acks {@code 1} or {@code all}; with {@code all} the producer is idempotent, as ours is
   *     at the durable tier
   */
  public static VendorResult run(
      String bootstrapServers,
      String topic,
      int warmUpRecords,
      int records,
      int recordBytes,
      String acks)
      throws VendorToolException, IOException {
    List<String> warmUp = arguments(bootstrapServers, topic, warmUpRecords, recordBytes, acks);
    List<String> args = arguments(bootstrapServers, topic, records, recordBytes, acks);
    List<String> launch = new ArrayList<>();
    launch.add(MAIN_CLASS);
    launch.add(Integer.toString(warmUp.size()));
    launch.addAll(warmUp);
    launch.addAll(args);
    String output =
        ToolProcess.run(
            "kafka-producer-perf-acks-" + acks,
            List.of("-Xmx512m", "-XX:+UseG1GC"),
            WarmedRun.classpathEntry()
                + File.pathSeparator
                + VendorClasspath.kafka(KafkaNode.VERSION),
            WarmedRun.class.getName(),
            launch,
            Map.of(),
            Duration.ofMinutes(5));
    int measured = output.indexOf(WarmedRun.MEASURED);
    if (measured < 0) {
      throw new VendorToolException(
          "ProducerPerformance's warm-up run did not finish; output:\n" + tail(output));
    }
    output = output.substring(measured + WarmedRun.MEASURED.length());
    // Every 5 s the tool prints the window's rate, then the whole run's: the figure is the mean
    // of the windows after the first, which holds the new producer's start (its metadata, its
    // first batches) even in a warm JVM.
    List<String> lines = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (SUMMARY.matcher(line.trim()).matches()) {
        lines.add(line.trim());
      }
    }
    if (lines.isEmpty()) {
      throw new VendorToolException(
          "ProducerPerformance printed no summary line; output:\n" + tail(output));
    }
    String total = lines.get(lines.size() - 1);
    List<String> windows = lines.subList(0, lines.size() - 1);
    double perSec;
    String basis;
    if (windows.size() >= 2) {
      perSec =
          windows.stream().skip(1).mapToDouble(KafkaProducerPerformance::rate).average().orElse(0);
      basis = "mean of " + (windows.size() - 1) + " 5-second windows after the first; whole run: ";
    } else {
      perSec = rate(total);
      basis = "whole run (too short for windows): ";
    }
    return new VendorResult(
        "kafka ProducerPerformance acks=" + acks,
        perSec,
        "ProducerPerformance "
            + String.join(" ", args)
            + " (after a warm-up run of "
            + warmUpRecords
            + " records in the same JVM)",
        basis + total);
  }

  private static List<String> arguments(
      String bootstrapServers, String topic, int records, int recordBytes, String acks) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--topic",
            topic,
            "--num-records",
            Integer.toString(records),
            "--record-size",
            Integer.toString(recordBytes),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + bootstrapServers,
            "acks=" + acks));
    if (acks.equals("all")) {
      args.add("enable.idempotence=true");
    }
    return args;
  }

  private static double rate(String line) {
    Matcher m = SUMMARY.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(line);
    }
    return Double.parseDouble(m.group(2));
  }

  static String tail(String output) {
    String[] lines = output.split("\\R");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }
}
