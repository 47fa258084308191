package io.brokerbench.bench.vendor;

import io.brokerbench.brokers.VendorClasspath;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.io.IOException;
import java.time.Duration;
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
  // The summary the tool prints at the end (without --show-detailed-stats): start.time, end.time,
  // MB, MB/s, messages, msg/s, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec.
  // "2026-11-28 03:01:01:000, 2026-11-28 03:01:04:912, 390.6250, 99.8530, 400000, 102249.4888,
  // 3405, 507, 770.4635, 788954.6351"
  private static final Pattern SUMMARY =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\d [0-9:]+, \\d{4}-\\d\\d-\\d\\d [0-9:]+, [0-9.]+, [0-9.]+,"
              + " (\\d+), ([0-9.]+), (\\d+), (\\d+), [0-9.]+, ([0-9.]+)");

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
            "--timeout",
            "30000");
    String output =
        ToolProcess.run(
            "kafka-consumer-perf",
            // The figures are printed with the default locale's decimal separator: fix it.
            List.of("-Xmx512m", "-XX:+UseG1GC", "-Duser.language=en", "-Duser.country=US"),
            VendorClasspath.kafka(KafkaNode.VERSION),
            "org.apache.kafka.tools.ConsumerPerformance",
            args,
            Map.of(),
            Duration.ofMinutes(3));
    return parse(output, messages, "ConsumerPerformance " + String.join(" ", args));
  }

  /**
   * The figure from the tool's output: its own {@code fetch.nMsg.sec}, the messages it read over
   * the time from its start to its end less the time it spent joining its group ({@code
   * rebalance.time.ms}, about 3 s: the broker's {@code group.initial.rebalance.delay.ms}), which
   * brokerbench's group-less consumer does not spend. A backlog the size of the quick profile's is
   * read in well under a second, so the tool's per-second progress lines would say nothing.
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
    for (String line : output.split("\\R")) {
      Matcher summary = SUMMARY.matcher(line.trim());
      if (!summary.matches()) {
        continue;
      }
      long read = Long.parseLong(summary.group(1));
      if (read < messages) {
        throw new VendorToolException(
            "ConsumerPerformance read " + read + " of " + messages + " messages: " + line.trim());
      }
      double perSec = Double.parseDouble(summary.group(5));
      String basis =
          String.format(
              "fetch.nMsg.sec: %,d messages in %s ms of fetching (%s ms joining the group not"
                  + " counted; with it %s msg/s)",
              read, summary.group(4), summary.group(3), summary.group(2));
      return new VendorResult("kafka ConsumerPerformance", perSec, command, basis);
    }
    throw new VendorToolException(
        "ConsumerPerformance printed no summary line; output:\n"
            + KafkaProducerPerformance.tail(output));
  }
}
