package io.brokerbench.bench.durability;

import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.util.Map;

/**
 * One row of the price of durability: the fsync-family calls one broker made while a fault-free run
 * sent {@code messages} at one tier.
 *
 * @param system kafka-kraft, rabbitmq
 * @param mode how it ran
 * @param tier none, ack, durable
 * @param messages messages sent while counting
 * @param calls calls per system call ({@link SyncCalls#SYSCALLS})
 * @param perThousand all those calls per 1,000 messages
 * @param status ok, failed or skipped (the reason in {@code note})
 * @param note what the reader should know
 */
public record SyncRow(
    String system,
    String mode,
    String tier,
    long messages,
    Map<String, Long> calls,
    Double perThousand,
    Status status,
    String note)
    implements Row {

  /** The row's {@code note}, which holds the reason of a row that is not ok. */
  @Override
  public String reason() {
    return note;
  }

  static SyncRow of(String system, String mode, String tier, SyncCalls.Count count, String note) {
    return new SyncRow(
        system,
        mode,
        tier,
        count.messages(),
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(count.calls())),
        count.perThousand(),
        Status.OK,
        note);
  }

  static SyncRow notMeasured(String system, String mode, String tier, Status status, String why) {
    return new SyncRow(system, mode, tier, 0, Map.of(), null, status, why);
  }
}
