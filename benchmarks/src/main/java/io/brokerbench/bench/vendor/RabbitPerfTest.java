package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.VendorClasspath;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ PerfTest ({@code com.rabbitmq.perf.PerfTest}), the vendor's load tool, in its own JVM:
 * one producer and one consumer on one queue, for a fixed time; the figure is its "receiving rate
 * avg", what the consumer received, the same quantity as brokerbench's delivered throughput.
 *
 * <p>PerfTest reads environment variables named after its long options ({@code RATE}, {@code
 * SIZE}...), so it runs with an environment holding only {@code PATH} and {@code HOME}.
 */
public final class RabbitPerfTest {
  public static final String VERSION = "2.22.1";

  /**
   * The seconds of the measured run that are discarded: its connections, queue and first batches.
   * The run follows a warm-up run in the same JVM ({@link WarmedRun}): a cold PerfTest ramped for
   * 10 s and more on the 2-core development machine (tier ack, confirm window 1,000, two 30-s runs
   * on a fresh node: about 15k msg/s received in seconds 1-10, about 22k in seconds 11-30), while
   * brokerbench's trials are measured in a warm fork.
   */
  public static final Duration MEASURED_RUN_DISCARD = Duration.ofSeconds(2);

  // "id: vendor, receiving rate avg: 20950 msg/s"
  private static final Pattern RECEIVING =
      Pattern.compile(".*receiving rate avg: ([0-9.]+) msg/s.*");

  // "id: vendor, time 3.001 s, sent: 39243 msg/s, ..., received: 41764 msg/s, ..."
  private static final Pattern SECOND =
      Pattern.compile(".*time ([0-9.]+) s, .*received: ([0-9.]+) msg/s.*");

  private RabbitPerfTest() {}

  /**
   * @param tier {@code none} (auto-ack, no confirms, transient), {@code ack} (publisher confirms
   *     with {@code confirmWindow} outstanding, prefetch {@code confirmWindow}, manual acks every
   *     100 messages, transient) or {@code durable} (as ack, with persistent messages, which
   *     PerfTest puts on a durable queue)
   */
  public static VendorResult run(
      String uri,
      String tier,
      int messageBytes,
      Duration warmup,
      Duration measurement,
      int confirmWindow)
      throws VendorToolException, IOException {
    List<String> warmUp = arguments(uri, tier, messageBytes, warmup, confirmWindow, "-warm-up");
    List<String> args =
        arguments(
            uri, tier, messageBytes, MEASURED_RUN_DISCARD.plus(measurement), confirmWindow, "");
    List<String> launch = new ArrayList<>();
    launch.add(WarmedRun.PERF_TEST);
    launch.add(Integer.toString(warmUp.size()));
    launch.addAll(warmUp);
    launch.addAll(args);
    Map<String, String> environment = new HashMap<>();
    // A clean environment: every variable of ours but PATH and HOME is removed.
    System.getenv().keySet().forEach(key -> environment.put(key, null));
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("java.io.tmpdir"));
    String output =
        ToolProcess.run(
            "rabbitmq-perftest-" + tier,
            List.of("-Xmx512m", "-XX:+UseG1GC"),
            WarmedRun.classpathEntry() + File.pathSeparator + VendorClasspath.perfTest(VERSION),
            WarmedRun.class.getName(),
            launch,
            environment,
            warmup.plus(measurement).plusMinutes(2));
    int measuredRun = output.indexOf(WarmedRun.MEASURED);
    if (measuredRun < 0) {
      throw new VendorToolException(
          "PerfTest's warm-up run did not finish; output:\n"
              + KafkaProducerPerformance.tail(output));
    }
    output = output.substring(measuredRun + WarmedRun.MEASURED.length());
    // PerfTest prints each second's rates: the figure is the mean received rate of the measured
    // run's seconds after its first ones, beside PerfTest's own average of that run.
    double sum = 0;
    int seconds = 0;
    String average = "";
    for (String line : output.split("\\R")) {
      Matcher second = SECOND.matcher(line);
      if (second.matches()
          && Double.parseDouble(second.group(1)) > MEASURED_RUN_DISCARD.toSeconds() + 0.5) {
        sum += Double.parseDouble(second.group(2));
        seconds++;
      }
      if (RECEIVING.matcher(line).matches()) {
        average = line.trim();
      }
    }
    if (seconds > 0) {
      return new VendorResult(
          "RabbitMQ PerfTest " + VERSION + " " + tier,
          sum / seconds,
          "PerfTest " + String.join(" ", args).replace(uri, "<uri>"),
          "mean received rate of "
              + seconds
              + " s after the first "
              + MEASURED_RUN_DISCARD.toSeconds()
              + " s of a run that followed a "
              + warmup.toSeconds()
              + " s warm-up run in the same JVM; "
              + average);
    }
    throw new VendorToolException(
        "PerfTest printed no 'receiving rate avg'; output:\n"
            + KafkaProducerPerformance.tail(output));
  }

  /** One run's options: {@code time} long, on a queue of its own per tier and run. */
  private static List<String> arguments(
      String uri,
      String tier,
      int messageBytes,
      Duration time,
      int confirmWindow,
      String queueSuffix) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--uri",
            uri,
            "--id",
            "brokerbench-vendor",
            "--producers",
            "1",
            "--consumers",
            "1",
            "--size",
            Integer.toString(messageBytes),
            "--time",
            Long.toString(time.toSeconds()),
            "--queue",
            "brokerbench-perftest-" + tier + queueSuffix));
    // The same queue implementation as brokerbench's driver (classic queues, version 2).
    args.addAll(List.of("--queue-args", "x-queue-version=2"));
    String window = Integer.toString(confirmWindow);
    switch (tier) {
      case "none" -> args.add("--autoack");
        // Confirms with a bounded window, prefetch and multiple acks every 100: as the driver does.
      case "ack" ->
          args.addAll(List.of("--confirm", window, "--qos", window, "--multi-ack-every", "100"));
      case "durable" ->
          args.addAll(
              List.of(
                  "--confirm",
                  window,
                  "--qos",
                  window,
                  "--multi-ack-every",
                  "100",
                  "--flag",
                  "persistent"));
      default -> throw new IllegalArgumentException("tier: unknown '" + tier + "'");
    }
    return args;
  }
}
