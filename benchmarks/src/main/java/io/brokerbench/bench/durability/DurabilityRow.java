package io.brokerbench.bench.durability;

import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import io.brokerbench.harness.measure.Ledger;

/**
 * One row of {@code durability.json}: one scenario (system, mode, tier, fault) and its ledger.
 *
 * @param system kafka-kraft, rabbitmq, zeromq
 * @param mode how it ran: {@code 1 broker}, {@code 3 brokers, RF 3, min.insync.replicas 2}, ...
 * @param tier none, ack, durable, replicated
 * @param fault what was done to it, e.g. {@code SIGKILL broker, restart}
 * @param nodes broker nodes (ZeroMQ: the peers)
 * @param sent messages handed to the producer
 * @param acked acknowledged by the broker
 * @param failed reported failed by the client (a broker's client that gave up on a send the broker
 *     may have had); never a send the harness refused
 * @param indeterminate neither acknowledged nor failed when the producer stopped waiting
 * @param received distinct messages the consumers (or the final read of the log) got
 * @param ackedLost acknowledged, never received
 * @param unackedLost not acknowledged, never received
 * @param recovered failed or indeterminate, yet received
 * @param duplicates deliveries beyond the first
 * @param reordered per-producer inversions seen by a consumer
 * @param atRisk acknowledged (at tier {@code none}: accepted, sent and not refused) and not yet
 *     consumed when the fault came: what the fault could take. 0 where the consumer kept up, and
 *     then no loss could show
 * @param refused sends the harness gave up on before the system accepted them (ZeroMQ's send that
 *     timed out at the high-water mark): not sent, so never counted as failed or lost
 * @param readBack how {@code received} was settled after the recovery: e.g. a fresh consumer from
 *     offset 0 of the partition; "" when by the live consumers alone
 * @param recoveryMs from the fault to the first delivery of a message sent after it; null when
 *     there was no fault that stops delivery, or nothing arrived after it
 * @param status ok, failed (with the reason in {@code note}) or skipped
 * @param note what the fault and the trial did, and what the reader should know
 * @param syncPerThousand fsync-family calls per 1,000 messages that the same system, set-up and
 *     tier made in the suite's fault-free count ({@link SyncRow}, the {@code syncCalls} rows); null
 *     where they were not counted (3-node set-ups, ZeroMQ, no strace)
 */
public record DurabilityRow(
    String system,
    String mode,
    String tier,
    String fault,
    int nodes,
    long sent,
    long acked,
    long failed,
    long indeterminate,
    long received,
    long ackedLost,
    long unackedLost,
    long recovered,
    long duplicates,
    long reordered,
    long atRisk,
    long refused,
    String readBack,
    Long recoveryMs,
    Status status,
    String note,
    Double syncPerThousand)
    implements Row {

  /** Names of the JSON fields the claims read, so that a rename reaches them. */
  public static final String MODE = "mode";

  public static final String TIER = "tier";
  public static final String FAULT = "fault";
  public static final String NODES = "nodes";
  public static final String SENT = "sent";
  public static final String ACKED = "acked";
  public static final String RECEIVED = "received";
  public static final String ACKED_LOST = "ackedLost";
  public static final String UNACKED_LOST = "unackedLost";
  public static final String AT_RISK = "atRisk";
  public static final String REFUSED = "refused";
  public static final String READ_BACK = "readBack";
  public static final String RECOVERY_MS = "recoveryMs";

  public DurabilityRow {
    if (atRisk < 0 || refused < 0) {
      throw new IllegalArgumentException(
          "atRisk (" + atRisk + ") and refused (" + refused + ") must be 0 or more");
    }
    if (readBack == null) {
      throw new IllegalArgumentException("readBack: give \"\" for the live consumers, not null");
    }
  }

  /** The row's {@code note}: in this file the reason of a row that is not ok is its note. */
  @Override
  public String reason() {
    return note;
  }

  /** A measured scenario settled by its live consumers, nothing counted at risk or refused. */
  public static DurabilityRow of(Scenario scenario, Ledger ledger, Long recoveryMs, String note) {
    return of(scenario, ledger, 0, 0, "", recoveryMs, note);
  }

  /**
   * A measured scenario.
   *
   * @param ledger settled over every send, the {@code refused} ones among its failed (they were
   *     never received): the row moves them out of {@code failed} and {@code unackedLost}, so that
   *     a loss is always of a message the system accepted
   */
  public static DurabilityRow of(
      Scenario scenario,
      Ledger ledger,
      long atRisk,
      long refused,
      String readBack,
      Long recoveryMs,
      String note) {
    if (refused > ledger.failed() - ledger.recovered()) {
      throw new IllegalArgumentException(
          "refused ("
              + refused
              + ") must be among the ledger's failed sends that never arrived ("
              + (ledger.failed() - ledger.recovered())
              + ")");
    }
    return new DurabilityRow(
        scenario.system(),
        scenario.mode(),
        scenario.tier(),
        scenario.fault(),
        scenario.nodes(),
        ledger.sent(),
        ledger.acked(),
        ledger.failed() - refused,
        ledger.indeterminate(),
        ledger.received(),
        ledger.ackedLost(),
        ledger.unackedLost() - refused,
        ledger.recovered(),
        ledger.duplicates(),
        ledger.reordered(),
        atRisk,
        refused,
        readBack,
        recoveryMs,
        Status.OK,
        note,
        null);
  }

  /** A scenario that could not be measured, and why. */
  public static DurabilityRow notMeasured(Scenario scenario, Status status, String reason) {
    return new DurabilityRow(
        scenario.system(),
        scenario.mode(),
        scenario.tier(),
        scenario.fault(),
        scenario.nodes(),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        "",
        null,
        status,
        reason,
        null);
  }

  /** This row with the fsync calls per 1,000 messages its system, set-up and tier made. */
  public DurabilityRow withSync(Double perThousand) {
    return new DurabilityRow(
        system,
        mode,
        tier,
        fault,
        nodes,
        sent,
        acked,
        failed,
        indeterminate,
        received,
        ackedLost,
        unackedLost,
        recovered,
        duplicates,
        reordered,
        atRisk,
        refused,
        readBack,
        recoveryMs,
        status,
        note,
        perThousand);
  }

  /** What a row is about, before it is measured. */
  public record Scenario(String system, String mode, String tier, String fault, int nodes) {
    @Override
    public String toString() {
      return system + " (" + mode + "), tier " + tier + ", " + fault;
    }
  }
}
