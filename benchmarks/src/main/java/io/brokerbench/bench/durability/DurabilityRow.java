package io.brokerbench.bench.durability;

import io.brokerbench.harness.measure.Ledger;

/**
 * One row of {@code durability.json}: one scenario (system, mode, tier, fault) and its ledger.
 *
 * @param system kafka-kraft, rabbitmq, zeromq
 * @param mode how it ran: {@code 1 broker}, {@code 3 brokers, RF 3, min.insync.replicas 2}, ...
 * @param tier none, ack, durable
 * @param fault what was done to it, e.g. {@code SIGKILL broker, restart}
 * @param nodes broker nodes (ZeroMQ: the peers)
 * @param sent messages handed to the producer
 * @param acked acknowledged by the broker
 * @param failed reported failed by the client
 * @param indeterminate neither acknowledged nor failed when the producer stopped waiting
 * @param received distinct messages the consumers (or the final read of the log) got
 * @param ackedLost acknowledged, never received
 * @param unackedLost not acknowledged, never received
 * @param recovered failed or indeterminate, yet received
 * @param duplicates deliveries beyond the first
 * @param reordered per-producer inversions seen by a consumer
 * @param recoveryMs from the fault to the first delivery of a message sent after it; null when
 *     there was no fault that stops delivery, or nothing arrived after it
 * @param status ok, failed (with the reason in {@code note}) or skipped
 * @param note what the fault and the trial did, and what the reader should know
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
    Long recoveryMs,
    String status,
    String note) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  /** A measured scenario. */
  public static DurabilityRow of(Scenario scenario, Ledger ledger, Long recoveryMs, String note) {
    return new DurabilityRow(
        scenario.system(),
        scenario.mode(),
        scenario.tier(),
        scenario.fault(),
        scenario.nodes(),
        ledger.sent(),
        ledger.acked(),
        ledger.failed(),
        ledger.indeterminate(),
        ledger.received(),
        ledger.ackedLost(),
        ledger.unackedLost(),
        ledger.recovered(),
        ledger.duplicates(),
        ledger.reordered(),
        recoveryMs,
        OK,
        note);
  }

  /** A scenario that could not be measured, and why. */
  public static DurabilityRow notMeasured(Scenario scenario, String status, String reason) {
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
        null,
        status,
        reason);
  }

  /** What a row is about, before it is measured. */
  public record Scenario(String system, String mode, String tier, String fault, int nodes) {
    @Override
    public String toString() {
      return system + " (" + mode + "), tier " + tier + ", " + fault;
    }
  }
}
