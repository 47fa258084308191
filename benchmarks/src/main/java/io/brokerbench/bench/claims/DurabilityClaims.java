package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.durability.DurabilityRow;
import io.brokerbench.bench.row.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims decided by what a fault does to messages: K2 (Kafka is durable), R2 (RabbitMQ HA is
 * complicated), Z2 (ZeroMQ has no durability) and Z3 (ZeroMQ is not reliable), from the crash
 * ledger's rows in {@code durability.json}: {@code system}, {@code mode}, {@code tier}, {@code
 * fault}, {@code nodes}, {@code sent}, {@code acked}, {@code received}, {@code ackedLost}, {@code
 * unackedLost}, {@code recoveryMs}, {@code status}, and, in runs that have them, {@code refused},
 * {@code atRisk} and {@code readBack}.
 *
 * <p>A loss counts only where the system accepted the message and the row could show its loss
 * (docs/measurement.md, rule 9):
 *
 * <ul>
 *   <li>{@code refused}: sends the harness or the client gave up on before the system accepted them
 *       (a ZeroMQ send that timed out at the high-water mark). Never lost. Missing is 0: rows
 *       written before the field counted such sends as failed.
 *   <li>{@code atRisk}: accepted, not yet delivered when the fault came. A row with nothing at risk
 *       cannot show a loss, so its "nothing lost" counts for no side. Missing is unknown.
 *   <li>{@code readBack}: how the ledger was settled after recovery (a fresh consumer reading from
 *       the start). Empty means the live consumer's deliveries only: what it had not yet received
 *       when the trial ended looks lost, and what the broker lost can look kept, so an acknowledged
 *       loss counts only from rows that were read back, where the row says.
 * </ul>
 */
final class DurabilityClaims {
  static final String FILE = "durability.json";
  static final Evidence EVIDENCE = new Evidence(FILE, "Durability");

  /**
   * R2: a RabbitMQ cluster's recovery is called slow beyond twice Kafka's 3-node recovery in the
   * same run, or beyond this when Kafka has no 3-node row: 30 s is longer than a client's usual
   * reconnect-and-retry window, so applications would see the failover as an outage.
   */
  static final double R2_RECOVERY_LIMIT_MS = 30_000;

  private DurabilityClaims() {}

  /** Rows of {@code family} that measured something. */
  private static List<JsonNode> rows(List<JsonNode> all, Family family) {
    return all.stream()
        .filter(RunRows::ok)
        .filter(row -> family(RunRows.system(row)) == family)
        .toList();
  }

  /** Sends the system never accepted; 0 when the row does not say. */
  static double refused(JsonNode row) {
    Double refused = number(row, DurabilityRow.REFUSED);
    return refused == null ? 0 : refused;
  }

  /** Accepted messages not yet delivered when the fault came; null when the row does not say. */
  static Double atRisk(JsonNode row) {
    return number(row, DurabilityRow.AT_RISK);
  }

  /**
   * Whether the row's ledger may be trusted to show a loss: settled by an independent read-back, or
   * from a run that predates the field ({@code readBack} absent: its settling is unknown and the
   * row is taken as it is).
   */
  static boolean readBack(JsonNode row) {
    return !row.has(DurabilityRow.READ_BACK) || !text(row, DurabilityRow.READ_BACK).isBlank();
  }

  /** The row cannot show a loss: it says nothing was at risk when the fault came. */
  static boolean nothingAtRisk(JsonNode row) {
    Double atRisk = atRisk(row);
    return atRisk != null && atRisk <= 0;
  }

  /**
   * Messages the system accepted ({@code sent - refused}) and that were never received, or null
   * when the row has neither {@code received} nor the lost counts. {@code sent} counts every send
   * the harness tried, refused ones too, and a refused send is never received (ZeroMQ did not queue
   * it), so {@code sent - refused - received} is the loss. Rows without {@code received} give
   * {@code ackedLost + unackedLost}, which leave the refused sends out where the row has {@code
   * refused}.
   */
  static Double acceptedLost(JsonNode row) {
    Double sent = number(row, DurabilityRow.SENT);
    Double received = number(row, DurabilityRow.RECEIVED);
    if (sent != null && received != null) {
      return Math.max(0, sent - refused(row) - received);
    }
    Double acked = number(row, DurabilityRow.ACKED_LOST);
    Double unacked = number(row, DurabilityRow.UNACKED_LOST);
    if (acked != null || unacked != null) {
      return (acked == null ? 0 : acked) + (unacked == null ? 0 : unacked);
    }
    return null;
  }

  static String fault(JsonNode row) {
    return text(row, DurabilityRow.FAULT)
        .toLowerCase(Locale.ROOT)
        .replace('_', '-')
        .replace(' ', '-');
  }

  static boolean deliveryFault(JsonNode row) {
    String fault = fault(row);
    return fault.contains("slow-subscriber") || fault.contains("late-joiner");
  }

  /** What a row is, for a comparison's name: {@code brokerless, PUSH/PULL, SIGKILL consumer}. */
  private static String where(JsonNode row) {
    String mode = text(row, DurabilityRow.MODE);
    return (mode.isEmpty() ? "" : mode + ", ")
        + text(row, DurabilityRow.TIER)
        + ", "
        + text(row, DurabilityRow.FAULT);
  }

  // ---- K2 ----

  static ClaimResult k2(RunRows run) {
    String id = "K2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    // Kafka's rows were read back from the log even before the fields existed, and its producer
    // buffers through the outage, so an older row's "nothing lost" is taken as it is.
    AckedLosses durable = new AckedLosses(false);
    AckedLosses ack = new AckedLosses(false);
    for (JsonNode row : rows(all.get(), Family.KAFKA)) {
      Double lost = number(row, DurabilityRow.ACKED_LOST);
      if (lost == null) {
        continue;
      }
      switch (text(row, DurabilityRow.TIER)) {
          // replicated (a majority of 3 has it) promises at least what durable does
        case "durable", "replicated" -> durable.add(row, lost);
        case "ack" -> ack.add(row, lost);
        default -> {}
      }
    }
    if (durable.rows == 0) {
      return ClaimResult.notMeasured(
          id,
          EVIDENCE,
          Message.of("reason.noRowsTier", "Kafka", "durable", FILE, DurabilityRow.ACKED_LOST));
    }
    Tally tally = new Tally();
    durable.figures(tally, "durable");
    // A durable tier losing an acknowledged message is the claim refuted outright.
    tally.judge(
        "durable: acknowledged lost",
        Tally.round(durable.lost, 0),
        durable.lost == 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    if (ack.rows > 0) {
      ack.figures(tally, "ack");
    }
    // acks=1 losing messages (a leader dies before followers copy) is the nuance: durable only
    // when configured so. It is judged only where the durable tier held, so that a durable tier
    // that loses refutes the claim whatever the weaker tier did.
    if (ack.rows > 0 && durable.lost == 0) {
      tally.judge(
          "ack: acknowledged lost",
          Tally.round(ack.lost, 0),
          ack.lost == 0 ? Comparison.Side.FOR : Comparison.Side.BETWEEN);
    }
    return tally.result(id, EVIDENCE);
  }

  // ---- R2 ----

  /** A row whose fault was never run: skipped, or the system does not offer the set-up. */
  private static boolean notRun(JsonNode row) {
    Status status = RunRows.status(row).orElse(null);
    return status == Status.SKIPPED || status == Status.NOT_OFFERED;
  }

  static ClaimResult r2(RunRows run) {
    String id = "R2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    List<JsonNode> clusterRows =
        all.get().stream()
            .filter(row -> family(RunRows.system(row)) == Family.RABBITMQ)
            .filter(
                row ->
                    number(row, DurabilityRow.NODES) != null
                        && number(row, DurabilityRow.NODES) >= 3)
            .toList();
    if (clusterRows.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noClusterRows", "RabbitMQ", FILE));
    }
    // Skipped or not offered is no fault run; a run that failed or did not finish is.
    long failed =
        clusterRows.stream().filter(row -> !RunRows.ok(row)).filter(row -> !notRun(row)).count();
    if (failed == 0 && clusterRows.stream().noneMatch(RunRows::ok)) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.clusterNotRun", "RabbitMQ", FILE));
    }
    Tally tally = new Tally();
    // RabbitMQ's cluster rows before atRisk was stated were judged by a live consumer that kept
    // up, so the queue was empty at the kill: "nothing lost" there refutes nothing.
    AckedLosses losses = new AckedLosses(true);
    double recoveryMs = -1;
    for (JsonNode row : clusterRows) {
      if (!RunRows.ok(row)) {
        continue;
      }
      Double lost = number(row, DurabilityRow.ACKED_LOST);
      if (lost != null) {
        losses.add(row, lost);
      }
      Double recovery = number(row, DurabilityRow.RECOVERY_MS);
      if (recovery != null) {
        recoveryMs = Math.max(recoveryMs, recovery);
      }
    }
    double kafkaRecoveryMs = -1;
    for (JsonNode row : rows(all.get(), Family.KAFKA)) {
      Double nodes = number(row, DurabilityRow.NODES);
      Double recovery = number(row, DurabilityRow.RECOVERY_MS);
      if (nodes != null && nodes >= 3 && recovery != null) {
        kafkaRecoveryMs = Math.max(kafkaRecoveryMs, recovery);
      }
    }
    tally.figure("rabbitmq 3+ nodes: fault rows", clusterRows.size(), 0);
    tally.figure("rabbitmq 3+ nodes: rows that did not finish", failed, 0);
    losses.figures(tally, "rabbitmq 3+ nodes");
    if (failed > 0 || losses.lost > 0) {
      // A cluster that lost acknowledged messages, or whose fault run did not complete, is HA that
      // did not work as set up.
      tally.judge(
          "rabbitmq 3+ nodes: acknowledged lost or not finished",
          Tally.round(losses.lost + failed, 0),
          Comparison.Side.FOR);
    } else if (losses.rows > 0) {
      tally.judge("rabbitmq 3+ nodes: acknowledged lost", 0L, Comparison.Side.AGAINST);
    } else {
      // Rows that could not show a loss (nothing at risk, or not read back) keep R2 from being
      // refuted on recovery time alone.
      tally.judge("rabbitmq 3+ nodes: rows that could show a loss", 0L, Comparison.Side.BETWEEN);
    }
    if (recoveryMs >= 0) {
      double limit = kafkaRecoveryMs >= 0 ? 2 * kafkaRecoveryMs : R2_RECOVERY_LIMIT_MS;
      tally.figure("rabbitmq 3+ nodes: slowest recovery ms", recoveryMs, 0);
      if (kafkaRecoveryMs >= 0) {
        tally.figure("kafka 3+ nodes: slowest recovery ms", kafkaRecoveryMs, 0);
      }
      tally.figure("recovery limit ms", limit, 0);
      tally.compare(
          "rabbitmq slowest recovery/limit",
          recoveryMs / limit,
          recoveryMs > limit ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    }
    return tally.result(id, EVIDENCE);
  }

  // ---- Z2 ----

  /**
   * Z2, per ZeroMQ crash row that had accepted messages at risk when the fault came: any of them
   * lost is on the claim's side, all of them delivered against it. Rows with nothing at risk, or
   * that do not say ({@code atRisk} missing), could not show a loss and count for no side; when no
   * row is left the claim is not measured.
   */
  static ClaimResult z2(RunRows run) {
    String id = "Z2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    List<JsonNode> crashes =
        rows(all.get(), Family.ZEROMQ).stream().filter(row -> !deliveryFault(row)).toList();
    if (crashes.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noCrashRows", "ZeroMQ", FILE));
    }
    Tally tally = new Tally();
    int unknown = 0;
    int nothing = 0;
    for (JsonNode row : crashes) {
      Double lost = acceptedLost(row);
      Double atRisk = atRisk(row);
      if (lost == null || atRisk == null) {
        unknown++;
        continue;
      }
      if (atRisk <= 0) {
        nothing++;
        continue;
      }
      String where = where(row);
      tally.figure(
          where + ": sent",
          number(row, DurabilityRow.SENT) == null ? 0 : number(row, DurabilityRow.SENT),
          0);
      tally.figure(where + ": refused", refused(row), 0);
      tally.figure(where + ": at risk", atRisk, 0);
      tally.figure(where + ": accepted lost", lost, 0);
      tally.judge(
          where + ": accepted lost",
          Tally.round(lost, 0),
          lost > 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.nothingAtRisk", "ZeroMQ", FILE, unknown, nothing));
    }
    if (unknown + nothing > 0) {
      tally.figure("crash rows that could not show a loss", unknown + nothing, 0);
    }
    return tally.result(id, EVIDENCE);
  }

  // ---- Z3 ----

  /**
   * Z3, per kind of delivery fault (slow subscriber, late joiner): messages ZeroMQ accepted and
   * never delivered above zero are on the claim's side, none against; a kind whose every send was
   * refused accepted nothing it could drop and counts for no side.
   */
  static ClaimResult z3(RunRows run) {
    String id = "Z3";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    Tally tally = new Tally();
    for (String kind : List.of("slow-subscriber", "late-joiner")) {
      int rows = 0;
      double sent = 0;
      double refused = 0;
      double lost = 0;
      for (JsonNode row : rows(all.get(), Family.ZEROMQ)) {
        Double rowLost = acceptedLost(row);
        Double rowSent = number(row, DurabilityRow.SENT);
        if (!fault(row).contains(kind) || rowLost == null || rowSent == null) {
          continue;
        }
        rows++;
        sent += rowSent;
        refused += refused(row);
        lost += rowLost;
      }
      if (rows == 0 || sent - refused <= 0) {
        continue;
      }
      tally.figure(kind + ": rows", rows, 0);
      tally.figure(kind + ": sent", sent, 0);
      tally.figure(kind + ": refused", refused, 0);
      tally.figure(kind + ": accepted lost", lost, 0);
      tally.judge(
          kind + ": accepted lost",
          Tally.round(lost, 0),
          lost > 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noDeliveryRows", "ZeroMQ", FILE));
    }
    return tally.result(id, EVIDENCE);
  }
}
