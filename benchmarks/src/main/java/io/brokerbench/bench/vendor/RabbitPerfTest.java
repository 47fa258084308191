package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.ServerClasspath;
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

  // "id: vendor, receiving rate avg: 20950 msg/s"
  private static final Pattern RECEIVING =
      Pattern.compile(".*receiving rate avg: ([0-9.]+) msg/s.*");

  private RabbitPerfTest() {}

  /**
   * @param tier {@code none} (auto-ack, no confirms, transient), {@code ack} (publisher confirms
   *     with {@code confirmWindow} outstanding, manual acks, transient) or {@code durable} (as ack,
   *     with persistent messages on a durable queue)
   */
  public static VendorResult run(
      String uri, String tier, int messageBytes, Duration duration, int confirmWindow)
      throws VendorToolException, IOException {
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
            Long.toString(duration.toSeconds()),
            "--queue",
            "brokerbench-perftest-" + tier));
    switch (tier) {
      case "none" -> args.add("--autoack");
      case "ack" -> args.addAll(List.of("--confirm", Integer.toString(confirmWindow)));
      case "durable" ->
          args.addAll(
              List.of("--confirm", Integer.toString(confirmWindow), "--flag", "persistent"));
      default -> throw new IllegalArgumentException("tier: unknown '" + tier + "'");
    }
    Map<String, String> environment = new HashMap<>();
    // A clean environment: every variable of ours but PATH and HOME is removed.
    System.getenv().keySet().forEach(key -> environment.put(key, null));
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("java.io.tmpdir"));
    String output =
        ToolProcess.run(
            "rabbitmq-perftest-" + tier,
            List.of("-Xmx512m", "-XX:+UseG1GC"),
            ServerClasspath.perfTest(VERSION),
            "com.rabbitmq.perf.PerfTest",
            args,
            environment,
            duration.plusMinutes(2));
    for (String line : output.split("\\R")) {
      Matcher m = RECEIVING.matcher(line);
      if (m.matches()) {
        return new VendorResult(
            "RabbitMQ PerfTest " + VERSION + " " + tier,
            Double.parseDouble(m.group(1)),
            "PerfTest " + String.join(" ", args).replace(uri, "<uri>"),
            line.trim());
      }
    }
    throw new VendorToolException(
        "PerfTest printed no 'receiving rate avg'; output:\n"
            + KafkaProducerPerformance.tail(output));
  }
}
