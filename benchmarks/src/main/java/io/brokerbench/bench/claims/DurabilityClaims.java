package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims decided by what a fault does to messages: K2 (Kafka is durable), R2 (RabbitMQ HA is
 * complicated), Z2 (ZeroMQ has no durability) and Z3 (ZeroMQ is not reliable), from the crash
 * ledger's rows in {@code durability.json}: {@code system}, {@code mode}, {@code tier}, {@code
 * fault}, {@code nodes}, {@code sent}, {@code acked}, {@code ackedLost}, {@code unackedLost},
 * {@code recovered}, {@code recoveryMs}, {@code status}.
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

  /** Rows of {@code family} that measured something, or empty with the reason in the result. */
  private static List<JsonNode> rows(List<JsonNode> all, String family) {
    return all.stream()
        .filter(RunRows::ok)
        .filter(row -> family(RunRows.system(row)).equals(family))
        .toList();
  }

  /** Messages lost: acknowledged plus unacknowledged, or sent - recovered; null if unknown. */
  static Double lost(JsonNode row) {
    Double acked = number(row, "ackedLost");
    Double unacked = number(row, "unackedLost");
    if (acked != null || unacked != null) {
      return (acked == null ? 0 : acked) + (unacked == null ? 0 : unacked);
    }
    Double sent = number(row, "sent");
    Double recovered = number(row, "recovered");
    return sent != null && recovered != null ? Math.max(0, sent - recovered) : null;
  }

  /**
   * The rows that report a loss ({@link #lost}), among those {@code which} picks: how many, and
   * their losses and sends summed.
   */
  private record Losses(int rows, double lost, double sent) {
    static Losses of(List<JsonNode> rows, java.util.function.Predicate<JsonNode> which) {
      int count = 0;
      double lost = 0;
      double sent = 0;
      for (JsonNode row : rows) {
        Double rowLost = DurabilityClaims.lost(row);
        if (!which.test(row) || rowLost == null) {
          continue;
        }
        count++;
        lost += rowLost;
        Double rowSent = number(row, "sent");
        sent += rowSent == null ? 0 : rowSent;
      }
      return new Losses(count, lost, sent);
    }
  }

  static String fault(JsonNode row) {
    return text(row, "fault").toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }

  static boolean deliveryFault(JsonNode row) {
    String fault = fault(row);
    return fault.contains("slow-subscriber") || fault.contains("late-joiner");
  }

  // ---- K2 ----

  static ClaimResult k2(RunRows run) {
    String id = "K2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    List<JsonNode> kafka = rows(all.get(), "kafka");
    double durableLost = 0;
    double ackLost = 0;
    int durableRows = 0;
    int ackRows = 0;
    double acked = 0;
    for (JsonNode row : kafka) {
      Double lost = number(row, "ackedLost");
      if (lost == null) {
        continue;
      }
      Double ackedHere = number(row, "acked");
      switch (text(row, "tier")) {
        case "durable" -> {
          durableRows++;
          durableLost += lost;
          acked += ackedHere == null ? 0 : ackedHere;
        }
        case "ack" -> {
          ackRows++;
          ackLost += lost;
        }
        default -> {}
      }
    }
    if (durableRows == 0) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noRowsTier", "Kafka", "durable", FILE, "ackedLost"));
    }
    Tally tally = new Tally();
    tally.figure("durable: fault rows", durableRows, 0);
    tally.figure("durable: acknowledged", acked, 0);
    tally.figure("durable: acknowledged lost", durableLost, 0);
    // acks=all losing an acknowledged message is the claim refuted outright.
    tally.judge(
        "durable: acknowledged lost",
        Tally.round(durableLost, 0),
        durableLost == 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
    if (ackRows > 0) {
      tally.figure("ack: fault rows", ackRows, 0);
      tally.figure("ack: acknowledged lost", ackLost, 0);
      // acks=1 losing messages (a leader dies before followers copy) is the nuance: durable only
      // when configured so.
      tally.judge(
          "ack: acknowledged lost",
          Tally.round(ackLost, 0),
          ackLost == 0 ? Comparison.Side.FOR : Comparison.Side.BETWEEN);
    }
    return tally.result(id, EVIDENCE);
  }

  // ---- R2 ----

  static ClaimResult r2(RunRows run) {
    String id = "R2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    List<JsonNode> clusterRows =
        all.get().stream()
            .filter(row -> family(RunRows.system(row)).equals("rabbitmq"))
            .filter(row -> number(row, "nodes") != null && number(row, "nodes") >= 3)
            .toList();
    if (clusterRows.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noClusterRows", "RabbitMQ", FILE));
    }
    Tally tally = new Tally();
    long failed = clusterRows.stream().filter(row -> !RunRows.ok(row)).count();
    double ackedLost = 0;
    double recoveryMs = -1;
    for (JsonNode row : clusterRows) {
      if (!RunRows.ok(row)) {
        continue;
      }
      Double lost = number(row, "ackedLost");
      ackedLost += lost == null ? 0 : lost;
      Double recovery = number(row, "recoveryMs");
      if (recovery != null) {
        recoveryMs = Math.max(recoveryMs, recovery);
      }
    }
    double kafkaRecoveryMs = -1;
    for (JsonNode row : rows(all.get(), "kafka")) {
      Double nodes = number(row, "nodes");
      Double recovery = number(row, "recoveryMs");
      if (nodes != null && nodes >= 3 && recovery != null) {
        kafkaRecoveryMs = Math.max(kafkaRecoveryMs, recovery);
      }
    }
    tally.figure("rabbitmq 3+ nodes: fault rows", clusterRows.size(), 0);
    tally.figure("rabbitmq 3+ nodes: rows that did not finish", failed, 0);
    tally.figure("rabbitmq 3+ nodes: acknowledged lost", ackedLost, 0);
    // A cluster that lost acknowledged messages, or whose fault run did not complete, is HA that
    // did not work as set up.
    tally.judge(
        "rabbitmq 3+ nodes: acknowledged lost or not finished",
        Tally.round(ackedLost + failed, 0),
        failed > 0 || ackedLost > 0 ? Comparison.Side.FOR : Comparison.Side.AGAINST);
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

  static ClaimResult z2(RunRows run) {
    String id = "Z2";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    Losses crashes = Losses.of(rows(all.get(), "zeromq"), row -> !deliveryFault(row));
    if (crashes.rows() == 0) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noCrashRows", "ZeroMQ", FILE));
    }
    double lost = crashes.lost();
    Tally tally = new Tally();
    tally.figure("zeromq crash rows", crashes.rows(), 0);
    tally.figure("zeromq sent", crashes.sent(), 0);
    tally.figure("zeromq lost", lost, 0);
    // Nothing lost is not durability shown (the crash may have found nothing in flight): between.
    tally.judge(
        "zeromq lost in crashes",
        Tally.round(lost, 0),
        lost > 0 ? Comparison.Side.FOR : Comparison.Side.BETWEEN);
    return tally.result(id, EVIDENCE);
  }

  // ---- Z3 ----

  static ClaimResult z3(RunRows run) {
    String id = "Z3";
    Optional<List<JsonNode>> all = run.rows(FILE);
    if (all.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    Tally tally = new Tally();
    for (String kind : List.of("slow-subscriber", "late-joiner")) {
      Losses losses = Losses.of(rows(all.get(), "zeromq"), row -> fault(row).contains(kind));
      if (losses.rows() == 0) {
        continue;
      }
      double lost = losses.lost();
      tally.figure(kind + ": rows", losses.rows(), 0);
      tally.figure(kind + ": sent", losses.sent(), 0);
      tally.figure(kind + ": lost", lost, 0);
      tally.judge(
          kind + ": lost",
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
