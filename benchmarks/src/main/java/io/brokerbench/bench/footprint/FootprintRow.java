package io.brokerbench.bench.footprint;

import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The footprint of one setup (claims K6, R3, Z5): what it takes to run it, measured on this
 * machine. Figures that could not be measured (a skipped or failed setup) are -1.
 *
 * @param system {@code kafka}, {@code rabbitmq} or {@code zeromq}
 * @param mode {@code kraft}, {@code zookeeper}, {@code classic} (a RabbitMQ node with a durable
 *     classic queue) or {@code brokerless}
 * @param status {@code ok}, {@code skipped} (not available here: see reason) or {@code failed}
 * @param reason why a row is skipped or failed, or what is incomplete; empty when ok
 * @param processes operating-system processes of the setup, counted in {@code /proc} from the
 *     processes the launchers started and all their descendants, while idle
 * @param processNames their command names, e.g. {@code [epmd, beam.smp, erl_child_setup]}
 * @param brokerProcesses how many of them are a broker, a broker's runtime or its metadata store,
 *     by their command names and lines ({@code FootprintSuite.BROKER_MARKERS}); ZeroMQ's peer, the
 *     receiving application itself, matches none
 * @param startToReadyMs from launching the first process until the setup answered a real request
 * @param idleRssBytes resident memory summed over the processes, after ready and a settle time
 * @param loadedRssBytes the highest sum of resident memory sampled while the messages were sent and
 *     right after the last was acknowledged
 * @param messages messages sent (the profile's count, never extrapolated)
 * @param messageBytes bytes per message
 * @param acknowledged messages acknowledged at the durable setting (Kafka: {@code acks=all},
 *     idempotent; RabbitMQ: persistent, publisher-confirmed, durable queue; ZeroMQ: echoed back by
 *     the peer, as ZeroMQ acknowledges nothing)
 * @param loadMs from the first send until the last acknowledgement
 * @param diskBytesAfterMillion bytes allocated on disk ({@code du}) by the setup's data directories
 *     after the messages were acknowledged (the name keeps the claim's one million; {@code
 *     messages} says how many it really was)
 * @param diskApparentBytes the sum of the sizes of those files (larger than allocated when files
 *     are sparse, as Kafka's preallocated indexes are)
 * @param configLines lines of configuration brokerbench wrote to start the setup: {@code
 *     configFileLines + configEnvironmentLines + configArgumentLines}
 * @param configFileLines non-blank, non-comment lines of the files the launchers wrote
 * @param configEnvironmentLines environment variables the launchers set
 * @param configArgumentLines arguments of the commands the launchers ran
 * @param configSources where the lines come from: file, environment or command, to its lines
 */
public record FootprintRow(
    String system,
    String mode,
    Status status,
    String reason,
    int processes,
    List<String> processNames,
    int brokerProcesses,
    long startToReadyMs,
    long idleRssBytes,
    long loadedRssBytes,
    long messages,
    int messageBytes,
    long acknowledged,
    long loadMs,
    long diskBytesAfterMillion,
    long diskApparentBytes,
    int configLines,
    int configFileLines,
    int configEnvironmentLines,
    int configArgumentLines,
    Map<String, Integer> configSources)
    implements Row {
  /** Names of the JSON fields the claims read, so that a rename reaches them. */
  public static final String MODE = "mode";

  public static final String PROCESSES = "processes";
  public static final String BROKER_PROCESSES = "brokerProcesses";
  public static final String START_TO_READY_MS = "startToReadyMs";
  public static final String IDLE_RSS_BYTES = "idleRssBytes";
  public static final String LOADED_RSS_BYTES = "loadedRssBytes";
  public static final String DISK_BYTES_AFTER_MILLION = "diskBytesAfterMillion";
  public static final String CONFIG_LINES = "configLines";

  /**
   * The families a footprint row can name: every one with a setup to start (not in-memory), and
   * RabbitMQ Streams, whose row says it has none yet.
   */
  public static final Set<String> SYSTEMS =
      Set.of(
          Family.KAFKA.label(),
          Family.KAFKA_4.label(),
          Family.RABBITMQ.label(),
          Family.RABBITMQ_STREAM.label(),
          Family.ZEROMQ.label());

  public static final Set<Status> STATUSES = Set.of(Status.OK, Status.SKIPPED, Status.FAILED);

  public FootprintRow {
    if (!SYSTEMS.contains(system)) {
      throw new IllegalArgumentException(
          "system: expected one of " + new TreeSet<>(SYSTEMS) + ", was '" + system + "'");
    }
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "status: expected ok, skipped or failed, was '" + status + "'");
    }
    if (mode == null || mode.isBlank()) {
      throw new IllegalArgumentException("mode: missing for " + system);
    }
    if (status == Status.OK) {
      requireAtLeast("processes", processes, 1);
      requireAtLeast("startToReadyMs", startToReadyMs, 0);
      requireAtLeast("idleRssBytes", idleRssBytes, 1);
      requireAtLeast("loadedRssBytes", loadedRssBytes, 1);
      requireAtLeast("messages", messages, 1);
      requireAtLeast("messageBytes", messageBytes, 1);
      requireAtLeast("diskBytesAfterMillion", diskBytesAfterMillion, 0);
      requireAtLeast("configLines", configLines, 1);
      if (processNames.size() != processes) {
        throw new IllegalArgumentException(
            "processNames: " + processNames.size() + " names for " + processes + " processes");
      }
      if (brokerProcesses < 0 || brokerProcesses > processes) {
        throw new IllegalArgumentException(
            "brokerProcesses: must be 0 to processes (" + processes + "), was " + brokerProcesses);
      }
      if (acknowledged < 0 || acknowledged > messages) {
        throw new IllegalArgumentException(
            "acknowledged: must be 0 to messages (" + messages + "), was " + acknowledged);
      }
    }
    if (configLines != configFileLines + configEnvironmentLines + configArgumentLines) {
      throw new IllegalArgumentException(
          "configLines: "
              + configLines
              + " is not files + environment + arguments ("
              + configFileLines
              + " + "
              + configEnvironmentLines
              + " + "
              + configArgumentLines
              + ")");
    }
    reason = reason == null ? "" : reason;
    processNames = List.copyOf(processNames);
    configSources = Collections.unmodifiableMap(new LinkedHashMap<>(configSources));
  }

  private static void requireAtLeast(String field, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          field + ": an ok row needs at least " + min + ", was " + value);
    }
  }

  /** A setup that is not available on this machine. */
  static FootprintRow skipped(String system, String mode, String reason) {
    return unmeasured(system, mode, Status.SKIPPED, reason);
  }

  /** A setup whose measurement failed. */
  static FootprintRow failed(String system, String mode, String reason) {
    return unmeasured(system, mode, Status.FAILED, reason);
  }

  private static FootprintRow unmeasured(String system, String mode, Status status, String why) {
    return new FootprintRow(
        system, mode, status, why, 0, List.of(), 0, -1, -1, -1, 0, 0, 0, -1, -1, -1, 0, 0, 0, 0,
        Map.of());
  }
}
