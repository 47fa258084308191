package io.brokerbench.bench.startup;

import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;

/**
 * One start of one system: how long until it answered, whether a short round trip got back every
 * message the system acknowledged, and how long the clean stop took.
 *
 * @param system {@code kafka-kraft}, {@code kafka-zookeeper}, {@code rabbitmq} or {@code zeromq}
 * @param mode what ran, e.g. "kraft, 1 broker+controller" or "brokerless, peer JVM"
 * @param attempt 1-based number of this start in the run
 * @param status {@code ok}, {@code skipped} (the system is not available here: see reason) or
 *     {@code failed} (see reason)
 * @param reason why a row is skipped or failed; empty when ok
 * @param processes operating-system processes the system needed
 * @param startToReadyMs from launching the processes until the system answered a real request
 * @param messages messages sent in the round trip (100 bytes each)
 * @param acknowledged messages the system acknowledged ({@code durable} tier where it exists)
 * @param readBack acknowledged messages read back
 * @param roundTripMs from the first send until the last message was read back
 * @param stopMs the clean stop (SIGTERM until exit)
 */
public record StartupRow(
    String system,
    String mode,
    int attempt,
    Status status,
    String reason,
    int processes,
    long startToReadyMs,
    int messages,
    int acknowledged,
    int readBack,
    long roundTripMs,
    long stopMs)
    implements Row {

  /** Names of the JSON fields the claims read, so that a rename reaches them. */
  public static final String MODE = "mode";

  public static final String PROCESSES = "processes";
  public static final String START_TO_READY_MS = "startToReadyMs";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String READ_BACK = "readBack";

  static StartupRow skipped(String system, int attempt, String reason) {
    return new StartupRow(system, "", attempt, Status.SKIPPED, reason, 0, -1, 0, 0, 0, -1, -1);
  }

  static StartupRow failed(String system, String mode, int attempt, String reason) {
    return new StartupRow(system, mode, attempt, Status.FAILED, reason, 0, -1, 0, 0, 0, -1, -1);
  }
}
