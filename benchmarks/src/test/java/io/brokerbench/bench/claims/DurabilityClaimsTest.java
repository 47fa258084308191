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

  @Test
  void k2() {
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.k2(durability(crash("kafka-kraft", "durable", "sigkill-leader", 3, 0, 5)))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.k2(durability(crash("kafka-kraft", "durable", "sigkill-leader", 3, 2, 5)))
            .verdict());
    ClaimResult nuanced =
        DurabilityClaims.k2(
            durability(
                crash("kafka-kraft", "durable", "sigkill-leader", 3, 0, 5),
                crash("kafka-kraft", "ack", "sigkill-leader", 3, 40, 5)));
    assertEquals(Verdict.NUANCED, nuanced.verdict());
    assertEquals(40L, nuanced.comparisons().get(1).value());
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

  @Test
  void r2() {
    // Kafka's 3-node recovery is 2 s in every row: the limit is 4 s.
    Map<String, Object> kafka = crash("kafka-kraft", "durable", "leader-loss", 3, 0, 0);
    Map<String, Object> slow = crash("rabbitmq", "durable", "node-loss", 3, 0, 0);
    slow.put("recoveryMs", 9000);
    Map<String, Object> fast = crash("rabbitmq", "durable", "node-loss", 3, 0, 0);
    fast.put("recoveryMs", 3000);
    Map<String, Object> lossy = crash("rabbitmq", "durable", "node-loss", 3, 7, 0);
    lossy.put("recoveryMs", 9000);
    assertEquals(Verdict.SUPPORTED, DurabilityClaims.r2(durability(kafka, lossy)).verdict());
    assertEquals(Verdict.REFUTED, DurabilityClaims.r2(durability(kafka, fast)).verdict());
    assertEquals(Verdict.NUANCED, DurabilityClaims.r2(durability(kafka, slow)).verdict());
    ClaimResult single =
        DurabilityClaims.r2(durability(crash("rabbitmq", "durable", "sigkill", 1, 0, 0)));
    assertEquals(Verdict.NOT_MEASURED, single.verdict());
    assertTrue(reason(single).contains("3 or more nodes"), reason(single));
  }

  @Test
  void r2WithoutKafkaClusterRowsUsesThirtySeconds() {
    Map<String, Object> rabbit = crash("rabbitmq", "durable", "node-loss", 3, 0, 0);
    rabbit.put("recoveryMs", 29_000);
    assertEquals(Verdict.REFUTED, DurabilityClaims.r2(durability(rabbit)).verdict());
    rabbit.put("recoveryMs", 31_000);
    assertEquals(Verdict.NUANCED, DurabilityClaims.r2(durability(rabbit)).verdict());
  }

  @Test
  void z2() {
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.z2(durability(crash("zeromq", "none", "sigkill-peer", 2, 0, 120)))
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        DurabilityClaims.z2(durability(crash("zeromq", "none", "sigkill-peer", 2, 0, 0)))
            .verdict());
    // Slow-subscriber rows are Z3's, not crashes.
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.z2(durability(crash("zeromq", "none", "slow-subscriber", 2, 0, 50)))
            .verdict());
    // Without ackedLost and unackedLost, sent - recovered is the loss.
    Map<String, Object> ledger =
        row("system", "zeromq", "tier", "none", "fault", "sigkill", "sent", 100, "recovered", 90);
    ClaimResult result = DurabilityClaims.z2(durability(ledger));
    assertEquals(Verdict.SUPPORTED, result.verdict());
    assertEquals(10L, result.figures().get("zeromq lost"));
  }

  @Test
  void z3() {
    assertEquals(
        Verdict.SUPPORTED,
        DurabilityClaims.z3(
                durability(
                    crash("zeromq", "none", "slow-subscriber", 2, 0, 300),
                    crash("zeromq", "none", "Late Joiner", 2, 0, 100)))
            .verdict());
    assertEquals(
        Verdict.REFUTED,
        DurabilityClaims.z3(
                durability(
                    crash("zeromq", "none", "slow-subscriber-hwm", 2, 0, 0),
                    crash("zeromq", "none", "late_joiner", 2, 0, 0)))
            .verdict());
    assertEquals(
        Verdict.NUANCED,
        DurabilityClaims.z3(
                durability(
                    crash("zeromq", "none", "slow-subscriber", 2, 0, 300),
                    crash("zeromq", "none", "late-joiner", 2, 0, 0)))
            .verdict());
    assertEquals(
        Verdict.NOT_MEASURED,
        DurabilityClaims.z3(durability(crash("zeromq", "none", "sigkill", 2, 0, 3))).verdict());
  }
}
