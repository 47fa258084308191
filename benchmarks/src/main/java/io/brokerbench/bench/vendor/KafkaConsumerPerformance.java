package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.ServerClasspath;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.io.IOException;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ConsumerPerformance} (artifact {@code kafka-tools}, the
 * broker's version), run in its own JVM: one consumer reads {@code messages} messages from the
 * beginning of a topic that is already full, the consumer alone, as brokerbench's consumer-only
 * trial does.
 *
 * <p>The tool's settings, against brokerbench's consumer (the client's defaults, see {@code
 * KafkaDriverConfig.consumerConfig}):
 *
 * <ul>
 *   <li>{@code --socket-buffer-size 65536}: the tool raises {@code receive.buffer.bytes} to 2 MiB
 *       by default; this sets it back to the client's default of 64 KiB, which brokerbench's
 *       consumer uses.
 *   <li>{@code --fetch-size 1048576} ({@code max.partition.fetch.bytes}): the tool's default and
 *       the client's, written out so that the two stay equal.
 *   <li>{@code --reporting-interval 1000 --show-detailed-stats}: a line per second, so that the
 *       first second (the JVM's warm-up and joining the group) can be discarded as brokerbench's
 *       warm-up passes are.
 *   <li>{@code --timeout 30000}: a broker that stops answering ends the run (with a warning that
 *       this class turns into a failure) after 30 s rather than the default 10 s, long enough for a
 *       busy two-core machine.
 * </ul>
 *
 * What cannot be made equal, and favours the tool: it turns {@code check.crcs} off (set after any
 * {@code --consumer.config}, so it cannot be turned back on), where brokerbench's consumer checks
 * every batch's CRC32C as the client does by default; and it commits offsets of its group every 5
 * s, a request brokerbench's group-less consumer does not make. Its group is new every run
 * (auto.offset.reset=earliest), so it reads from the log's first message.
 */
public final class KafkaConsumerPerformance {
  /** The interval of the tool's per-window lines, in milliseconds. */
  static final long WINDOW_MS = 1000;

  /** The tool's default {@code --date-format}. */
  private static final String DATE_FORMAT = "yyyy-MM-dd HH:mm:ss:SSS";

  // "2026-11-28 03:01:02:345, 0, 293.0000, 146.1234, 300032, 149630.7, 1512, 488, 600.4, 614819.6"
  // time, threadId, MB so far, MB/s, messages so far, msg/s, rebalance ms, fetch ms, fetch MB/s,
  // fetch msg/s (the last four are printed for windows after the group's first join).
  private static final Pattern WINDOW =
      Pattern.compile(
          "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}), \\d+, ([0-9.]+), ([0-9.]+),"
              + " (\\d+), ([0-9.]+)(?:, .*)?");

  private static final String TIMEOUT_WARNING = "Exiting before consuming the expected number";

  private KafkaConsumerPerformance() {}

  public static VendorResult run(String bootstrapServers, String topic, long messages)
      throws VendorToolException, IOException {
    List<String> args =
        List.of(
            "--bootstrap-server",
            bootstrapServers,
            "--topic",
            topic,
            "--messages",
            Long.toString(messages),
            "--group",
            "brokerbench-vendor-" + topic,
            "--socket-buffer-size",
            "65536",
            "--fetch-size",
            "1048576",
            "--reporting-interval",
            Long.toString(WINDOW_MS),
            "--show-detailed-stats",
            "--timeout",
            "30000");
    String output =
        ToolProcess.run(
            "kafka-consumer-perf",
            // The figures are printed with the default locale's decimal separator: fix it.
            List.of("-Xmx512m", "-XX:+UseG1GC", "-Duser.language=en", "-Duser.country=US"),
            ServerClasspath.kafka(KafkaNode.VERSION),
            "org.apache.kafka.tools.ConsumerPerformance",
            args,
            Map.of(),
            Duration.ofMinutes(3));
    return parse(output, messages, "ConsumerPerformance " + String.join(" ", args));
  }

  /**
   * The figure from the tool's output: messages read per second between the end of its first window
   * and the end of its last, from the windows' running totals and time stamps (the last, partial
   * window is not printed). With fewer than two windows the run was too short to discard a warm-up,
   * and the one window's rate is the figure.
   */
  static VendorResult parse(String output, long messages, String command)
      throws VendorToolException {
    if (output.contains(TIMEOUT_WARNING)) {
      throw new VendorToolException(
          "ConsumerPerformance stopped before it had read "
              + messages
              + " messages; output:\n"
              + KafkaProducerPerformance.tail(output));
    }
    List<Matcher> windows = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = WINDOW.matcher(line.trim());
      if (m.matches()) {
        windows.add(m);
      }
    }
    if (windows.isEmpty()) {
      throw new VendorToolException(
          "ConsumerPerformance printed no progress line: it prints one per "
              + WINDOW_MS
              + " ms, so a run that short needs a larger backlog; output:\n"
              + KafkaProducerPerformance.tail(output));
    }
    Matcher first = windows.get(0);
    Matcher last = windows.get(windows.size() - 1);
    double perSec;
    String basis;
    if (windows.size() >= 2) {
      long read = Long.parseLong(last.group(4)) - Long.parseLong(first.group(4));
      long ms = millis(last.group(1)) - millis(first.group(1));
      perSec = read * 1000.0 / ms;
      basis =
          String.format(
              "%,d messages in the %d windows after the first (%,d ms); first window %s msg/s",
              read, windows.size() - 1, ms, first.group(5));
    } else {
      perSec = Double.parseDouble(first.group(5));
      basis = "one window (too short to discard a warm-up): " + first.group(0);
    }
    return new VendorResult("kafka ConsumerPerformance", perSec, command, basis);
  }

  private static long millis(String time) throws VendorToolException {
    try {
      return new SimpleDateFormat(DATE_FORMAT).parse(time).getTime();
    } catch (ParseException e) {
      throw new VendorToolException("ConsumerPerformance printed a time not in " + DATE_FORMAT);
    }
  }
}
