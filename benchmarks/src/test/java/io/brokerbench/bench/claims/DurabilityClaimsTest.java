package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunFolder.crash;
import static io.brokerbench.bench.claims.RunFolder.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K2, R2, Z2, Z3 against synthetic crash-ledger rows: every verdict of each. */
class DurabilityClaimsTest {
  @TempDir Path dir;

  @SafeVarargs
  private RunRows durability(Map<String, Object>... rows) {
    return new RunFolder(dir).write("durability.json", rows).rows();
  }

  private static String reason(ClaimResult result) {
    return Messages.english().get(result.reason());
  }

  /** A crash row as the suite writes it now: read back from the start, {@code atRisk} stated. */
  private static Map<String, Object> settled(
      String system, String tier, String fault, int nodes, long ackedLost, long atRisk) {
    Map<String, Object> row = crash(system, tier, fault, nodes, ackedLost, 0);
    row.put("atRisk", atRisk);
    row.put("readBack", "a fresh consumer from the start");
    return row;
  }

  /**
   * A ZeroMQ consumer-crash row: {@code sent} sends, {@code refused} of them given up on by the
   * harness, {@code atRisk} accepted and queued at the kill, {@code received} delivered.
   */
  private static Map<String, Object> zeromqCrash(
      long sent, long refused, Long atRisk, long received) {
    Map<String, Object> row =
        row(
            "system",
            "zeromq",
            "mode",
            "brokerless, PUSH/PULL",
            "tier",
            "none",
            "fault",
            "SIGKILL consumer, restart",
            "nodes",
            2,
            "sent",
            sent,
            "refused",
            refused,
            "received",
            received,
            "unackedLost",
            sent - received,
            "status",
            "ok");
    if (atRisk != null) {
      row.put("atRisk", atRisk);
    }
    return row;
  }

  private static Map<String, Object> delivery(
      String fault, long sent, long refused, long received) {
    Map<String, Object> row = zeromqCrash(sent, refused, null, received);
    row.put("mode", "brokerless, PUB/SUB");
    row.put("fault", fault);
    return row;
  }

  // ---- K2 ----

  @Test
  void k2IsRefutedByAnyDurableLossAndNuancedWhenOnlyAcksOneLoses() {
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.k2(durability(settled("kafka-kraft", "durable", "sigkill", 3, 0, 500)))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.k2(durability(settled("kafka-kraft", "durable", "sigkill", 3, 2, 500)))
            .verdict());
    ClaimResult nuanced =
        DurabilityClaims.k2(
            durability(
                settled("kafka-kraft", "durable", "sigkill-leader", 3, 0, 500),
                settled("kafka-kraft", "ack", "sigkill-leader", 3, 40, 500)));
    assertEquals(Verdict.NUANCED, nuanced.verdict());
    assertEquals(40L, nuanced.comparisons().get(1).value());
    // A durable tier that loses refutes the claim, whatever the weaker tier did.
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.k2(
                durability(
                    settled("kafka-kraft", "durable", "sigkill-leader", 3, 2, 500),
                    settled("kafka-kraft", "ack", "sigkill-leader", 3, 40, 500)))
            .verdict());
    ClaimResult bothLost =
        DurabilityClaims.k2(
            durability(
                settled("kafka-kraft", "durable", "sigkill-leader", 3, 2, 500),
                settled("kafka-kraft", "ack", "sigkill-leader", 3, 0, 500)));
    assertEquals(Verdict.REFUTED, bothLost.verdict());
    assertEquals(0L, bothLost.figures().get("ack: acknowledged lost"), "still reported");
    // replicated promises what durable does
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.k2(
                durability(settled("kafka-kraft", "replicated", "leader-loss", 3, 1, 500)))
            .verdict());
  }

  @Test
  void k2CountsOnlyRowsThatWereReadBackAndCouldShowALoss() {
    // A loss seen only by the live consumer is not settled: set aside, so nothing is measured.
    Map<String, Object> live = settled("kafka-kraft", "durable", "sigkill", 1, 5, 500);
    live.put("readBack", "");
    ClaimResult notSettled = DurabilityClaims.k2(durability(live));
    assertEquals(Verdict.NOT_MEASURED, notSettled.verdict());

    // Nothing at risk: "nothing lost" shows nothing, so the row is set aside ...
    Map<String, Object> empty = settled("kafka-kraft", "durable", "sigkill", 1, 0, 0);
    assertEquals(Verdict.NOT_MEASURED, DurabilityClaims.k2(durability(empty)).verdict());
    // ... beside a row that could show one, it decides alone, and the set-aside row is named.
    ClaimResult result =
        DurabilityClaims.k2(
            durability(empty, live, settled("kafka-kraft", "durable", "sigkill", 3, 3, 500)));
    assertEquals(Verdict.REFUTED, result.verdict());
    assertEquals(3L, result.figures().get("durable: acknowledged lost"));
    assertEquals(1L, result.figures().get("durable: rows set aside, nothing at risk"));
    assertEquals(1L, result.figures().get("durable: rows set aside, not read back"));

    // Rows of runs before readBack and atRisk existed are taken as they are.
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.k2(durability(crash("kafka-kraft", "durable", "sigkill", 1, 0, 0)))
            .verdict());
  }

  @Test
  void k2IsNotMeasuredWithoutTheSuiteOrWithoutDurableRows() {
    ClaimResult missing = DurabilityClaims.k2(RunRows.of(dir));
    assertEquals(Verdict.NOT_MEASURED, missing.verdict());
    assertEquals("durability.json is missing: the durability suite did not run", reason(missing));

    ClaimResult onlyAck =
        DurabilityClaims.k2(durability(crash("kafka-kraft", "ack", "sigkill", 1, 0, 0)));
    assertEquals(Verdict.NOT_MEASURED, onlyAck.verdict());
    assertTrue(reason(onlyAck).contains("tier durable"), reason(onlyAck));

    // A row without its ackedLost figure is no measurement.
    Map<String, Object> noFigure = crash("kafka-kraft", "durable", "sigkill", 3, 0, 0);
    noFigure.remove("ackedLost");
    assertEquals(Verdict.NOT_MEASURED, DurabilityClaims.k2(durability(noFigure)).verdict());
  }

  // ---- R2 ----

  @Test
  void r2FollowsClusterLossesAndRecoveryAgainstTwiceKafkas() {
    // Kafka's 3-node recovery is 2 s in every row: the limit is 4 s.
    Map<String, Object> kafka = settled("kafka-kraft", "durable", "leader-loss", 3, 0, 500);
    Map<String, Object> slow = settled("rabbitmq", "replicated", "node-loss", 3, 0, 500);
    slow.put("recoveryMs", 9000);
    Map<String, Object> fast = settled("rabbitmq", "replicated", "node-loss", 3, 0, 500);
    fast.put("recoveryMs", 3000);
    Map<String, Object> lossy = settled("rabbitmq", "replicated", "node-loss", 3, 7, 500);
    lossy.put("recoveryMs", 9000);
    assertEquals(Verdict.SUPPORTED, DurabilityClaims.r2(durability(kafka, lossy)).verdict());
    assertEquals(Verdict.REFUTED, DurabilityClaims.r2(durability(kafka, fast)).verdict());
    assertEquals(Verdict.NUANCED, DurabilityClaims.r2(durability(kafka, slow)).verdict());
    ClaimResult single =
        DurabilityClaims.r2(durability(crash("rabbitmq", "durable", "sigkill", 1, 0, 0)));
    assertEquals(Verdict.NOT_MEASURED, single.verdict());
    assertTrue(reason(single).contains("3 or more nodes"), reason(single));
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.r2(durability(kafka)).verdict(),
        "Kafka's rows alone say nothing of RabbitMQ");
  }

  @Test
  void r2IsNeverRefutedByAClusterRowThatCouldNotShowALoss() {
    // A quick recovery, nothing lost, but nothing was at risk: at most nuanced.
    Map<String, Object> idle = settled("rabbitmq", "replicated", "node-loss", 3, 0, 0);
    idle.put("recoveryMs", 220);
    ClaimResult result = DurabilityClaims.r2(durability(idle));
    assertEquals(Verdict.NUANCED, result.verdict());
    assertEquals(Comparison.Side.BETWEEN, result.comparisons().get(0).side());
    // Not read back: the same.
    Map<String, Object> live = settled("rabbitmq", "replicated", "node-loss", 3, 0, 500);
    live.put("readBack", "");
    live.put("recoveryMs", 220);
    assertEquals(Verdict.NUANCED, DurabilityClaims.r2(durability(live)).verdict());
    // A row of a run before atRisk existed, nothing lost: the reference full run's quorum queue,
    // whose live consumer kept up. It cannot refute either.
    Map<String, Object> old = crash("rabbitmq", "durable", "SIGKILL queue leader", 3, 0, 0);
    old.put("recoveryMs", 220);
    ClaimResult unknown = DurabilityClaims.r2(durability(old));
    assertEquals(Verdict.NUANCED, unknown.verdict());
    assertEquals(1L, unknown.figures().get("rabbitmq 3+ nodes: rows set aside, atRisk not stated"));
    // A run that did not finish is on the claim's side.
    Map<String, Object> failed = settled("rabbitmq", "replicated", "node-loss", 3, 0, 500);
    failed.put("status", "failed: the 3 nodes did not form a cluster");
    assertEquals(Verdict.SUPPORTED, DurabilityClaims.r2(durability(failed)).verdict());
  }

  @Test
  void r2IsNotMeasuredWhenTheClusterFaultWasNeverRun() {
    Map<String, Object> skipped = settled("rabbitmq", "replicated", "node-loss", 3, 0, 0);
    skipped.put("status", "skipped");
    Map<String, Object> notOffered = settled("rabbitmq", "replicated", "node-loss", 3, 0, 0);
    notOffered.put("status", "not offered: no rabbitmq-server for a second node");
    ClaimResult result = DurabilityClaims.r2(durability(skipped, notOffered));
    assertEquals(Verdict.NOT_MEASURED, result.verdict());
    assertTrue(reason(result).contains("skipped or not offered"), reason(result));
    // Beside one that failed, the failure is on the claim's side.
    Map<String, Object> failed = settled("rabbitmq", "replicated", "node-loss", 3, 0, 0);
    failed.put("status", "failed: the 3 nodes did not form a cluster");
    assertEquals(Verdict.SUPPORTED, DurabilityClaims.r2(durability(skipped, failed)).verdict());
  }

  @Test
  void r2WithoutKafkaClusterRowsUsesThirtySeconds() {
    Map<String, Object> rabbit = settled("rabbitmq", "replicated", "node-loss", 3, 0, 500);
    rabbit.put("recoveryMs", 29_000);
    assertEquals(Verdict.REFUTED, DurabilityClaims.r2(durability(rabbit)).verdict());
    rabbit.put("recoveryMs", 31_000);
    assertEquals(Verdict.NUANCED, DurabilityClaims.r2(durability(rabbit)).verdict());
  }

  // ---- Z2 ----

  @Test
  void z2IsSupportedWhenAcceptedMessagesAtRiskWereLost() {
    // 16,001 sent, none refused, 300 queued at the kill, 120 of them never arrived.
    ClaimResult result = DurabilityClaims.z2(durability(zeromqCrash(16_001, 0, 300L, 15_881)));
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals(120L, result.comparisons().get(0).value());
  }

  @Test
  void z2IsRefutedWhenEveryAcceptedMessageAtRiskSurvived() {
    // The harness gave up on 5 sends; ZeroMQ lost none of what it accepted.
    ClaimResult result = DurabilityClaims.z2(durability(zeromqCrash(16_001, 5, 300L, 15_996)));
    assertEquals(Verdict.REFUTED, result.verdict());
    assertEquals(0L, result.comparisons().get(0).value());
    assertEquals(
        5L,
        result.figures().get("brokerless, PUSH/PULL, none, SIGKILL consumer, restart: refused"));
  }

  @Test
  void z2IsNuancedWhenSomeCrashesLostAndOthersDidNot() {
    Map<String, Object> lossy = zeromqCrash(16_001, 0, 300L, 15_881);
    Map<String, Object> kept = zeromqCrash(16_001, 0, 300L, 16_001);
    kept.put("fault", "SIGKILL producer, restart");
    assertEquals(Verdict.NUANCED, DurabilityClaims.z2(durability(lossy, kept)).verdict());
  }

  @Test
  void z2IsNotMeasuredWhenNoRowCouldShowALoss() {
    // The reference runs' rows: 5 sends timed out, counted failed, no atRisk. Refused sends are
    // never "lost", and a row that does not say what was at risk cannot show a loss.
    Map<String, Object> old =
        row(
            "system",
            "zeromq",
            "mode",
            "brokerless, PUSH/PULL",
            "tier",
            "none",
            "fault",
            "SIGKILL consumer, restart",
            "sent",
            16_001,
            "failed",
            5,
            "received",
            15_996,
            "unackedLost",
            5,
            "status",
            "ok");
    ClaimResult unknown = DurabilityClaims.z2(durability(old));
    assertEquals(Verdict.NOT_MEASURED, unknown.verdict());
    assertTrue(reason(unknown).contains("1 do not say what was at risk"), reason(unknown));
    // A consumer that kept up: nothing at risk, nothing to show.
    ClaimResult idle = DurabilityClaims.z2(durability(zeromqCrash(16_001, 0, 0L, 16_001)));
    assertEquals(Verdict.NOT_MEASURED, idle.verdict());
    assertTrue(reason(idle).contains("1 had nothing at risk"), reason(idle));
    // Slow-subscriber rows are Z3's, not crashes; and no file at all.
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.z2(durability(delivery("slow subscriber", 1000, 0, 100))).verdict());
    assertEquals(Verdict.NOT_MEASURED, DurabilityClaims.z2(RunRows.of(dir)).verdict());
  }

  @Test
  void refusedSendsAreNeverLost() {
    // sent 1,000, refused 40, received 960: everything accepted arrived.
    assertEquals(
        0.0,
        DurabilityClaims.acceptedLost(
            new RunFolder(dir)
                .write("durability.json", zeromqCrash(1000, 40, 100L, 960))
                .rows()
                .rows("durability.json")
                .orElseThrow()
                .get(0)));
  }

  // ---- Z3 ----

  @Test
  void z3IsSupportedWhenADeliveryFaultDropsWhatZeroMqAccepted() {
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.z3(
                durability(
                    delivery("slow-subscriber, HWM 100", 16_001, 0, 4_448),
                    delivery("Late Joiner", 16_001, 0, 9_998)))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.z3(
                durability(
                    delivery("slow_subscriber", 16_001, 0, 16_001),
                    delivery("late_joiner", 16_001, 0, 16_001)))
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        DurabilityClaims.z3(
                durability(
                    delivery("slow subscriber", 16_001, 0, 4_448),
                    delivery("late joiner", 16_001, 0, 16_001)))
            .verdict());
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.z3(durability(zeromqCrash(16_001, 0, 300L, 15_881))).verdict());
  }

  @Test
  void z3CountsOnlyWhatZeroMqAccepted() {
    // A slow subscriber behind a blocking sender: 11,553 sends refused by the harness, the rest
    // all delivered. ZeroMQ pushed back; it dropped nothing it accepted.
    ClaimResult pushedBack =
        DurabilityClaims.z3(durability(delivery("slow subscriber", 16_001, 11_553, 4_448)));
    assertEquals(Verdict.REFUTED, pushedBack.verdict());
    assertEquals(0L, pushedBack.comparisons().get(0).value());
    // Every send refused: nothing accepted, nothing to judge.
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.z3(durability(delivery("slow subscriber", 1_000, 1_000, 0))).verdict());
  }
}
