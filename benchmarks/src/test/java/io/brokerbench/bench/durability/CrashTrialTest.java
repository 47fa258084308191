package io.brokerbench.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash trial against the in-memory driver told to lose and duplicate known messages: the
 * ledger reports exactly those, through the same code path the real brokers take.
 */
class CrashTrialTest {
  private static final CrashTrial.Settings SETTINGS =
      new CrashTrial.Settings(
          100,
          2_000,
          Duration.ofMillis(300),
          Duration.ofSeconds(1),
          Duration.ofMillis(300),
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofMillis(200));

  @Test
  void theLedgerReportsExactlyTheDroppedAndDuplicatedMessages() throws Exception {
    CrashTrial trial =
        new CrashTrial(
            "ledger",
            GuaranteeTier.ACK,
            () -> InMemoryDriver.builder().drop(0, 5, 17, 300).duplicate(0, 7, 8).build(),
            true,
            SETTINGS);
    CrashTrial.Outcome outcome =
        trial.run(
            down -> {
              down.run();
              return "nothing happened";
            },
            null);
    Ledger ledger = outcome.ledger();

    assertTrue(ledger.sent() > 1_000, "about 2,000 messages in 1 s: " + ledger.summary());
    assertEquals(ledger.sent(), ledger.acked(), ledger.summary());
    assertEquals(3, ledger.ackedLost(), ledger.summary());
    assertEquals(List.of(5L, 17L, 300L), ledger.ackedLostSample());
    assertEquals(2, ledger.duplicates(), ledger.summary());
    assertEquals(0, ledger.unackedLost(), ledger.summary());
    assertEquals(0, ledger.reordered(), ledger.summary());
    assertEquals(ledger.sent() - 3, ledger.received(), ledger.summary());
    assertNotNull(outcome.recoveryMs(), "messages sent after the (empty) fault arrived");
    assertEquals("nothing happened", outcome.note());
  }

  @Test
  void aWellBehavedSystemHasACleanLedger() throws Exception {
    CrashTrial trial =
        new CrashTrial("clean", GuaranteeTier.NONE, InMemoryDriver::create, true, SETTINGS);
    Ledger ledger = trial.run(null, null).ledger();
    assertTrue(ledger.clean(), ledger.summary());
    assertEquals(0, ledger.indeterminate());
  }

  @Test
  void aPausedConsumerLeavesTheStatedBacklogAtRiskAndItsSuccessorReadsItBack() throws Exception {
    CrashTrial.Settings paused =
        new CrashTrial.Settings(
            100,
            2_000,
            Duration.ofMillis(300),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            600,
            200,
            true);
    CrashTrial trial =
        new CrashTrial("backlog", GuaranteeTier.ACK, InMemoryDriver::create, true, paused);
    CrashTrial.Outcome outcome =
        trial.run(
            down -> {
              down.run();
              return "nothing happened";
            },
            null);
    Ledger ledger = outcome.ledger();

    assertTrue(
        outcome.atRisk() >= 200 && outcome.atRisk() <= 600,
        "the consumer paused 200 acknowledged messages before the fault at 600: "
            + outcome.atRisk());
    assertEquals(0, ledger.ackedLost(), "the successor read the backlog: " + ledger.summary());
    assertEquals(ledger.sent(), ledger.received(), ledger.summary());
    assertEquals(CrashTrial.QUEUE_READ, outcome.readBack());
    assertTrue(outcome.note().contains("fault at 6"), outcome.note());
    assertNotNull(outcome.recoveryMs(), "the successor received messages sent after the fault");
  }

  @Test
  void whereTheProducerCarriesOnThePausedConsumerResumesAtTheFaultAndMeasuresTheFailover()
      throws Exception {
    CrashTrial.Settings carryOn =
        new CrashTrial.Settings(
            100,
            2_000,
            Duration.ofMillis(300),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            600,
            200,
            false);
    CrashTrial trial =
        new CrashTrial("failover", GuaranteeTier.ACK, InMemoryDriver::create, true, carryOn);
    CrashTrial.Outcome outcome =
        trial.run(
            down -> {
              down.run();
              Thread.sleep(1_500);
              return "a slow restart";
            },
            null);

    assertTrue(outcome.atRisk() >= 200, "the backlog at the fault: " + outcome.atRisk());
    assertNotNull(outcome.recoveryMs(), outcome.note());
    assertTrue(
        outcome.recoveryMs() < 1_000,
        "the consumer resumed when the fault took effect, not after the 1.5 s restart: "
            + outcome.recoveryMs()
            + " ms");
    assertEquals(0, outcome.ledger().ackedLost(), outcome.ledger().summary());
    assertTrue(outcome.note().contains("the producer carried on"), outcome.note());
  }
}
