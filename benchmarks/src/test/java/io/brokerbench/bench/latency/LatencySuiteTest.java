package io.brokerbench.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchConfig;
import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencySuiteTest {
  @Test
  void everyProfileSweepsTheSpectrumRateAndQuickHasAtLeastThreeRates() {
    for (Profile profile : Profile.values()) {
      LatencySettings settings = LatencySettings.forProfile(profile);
      assertTrue(
          settings.ratesPerSec().contains(settings.spectrumRatePerSec()),
          profile + ": the spectrum's rate is measured");
      assertTrue(settings.repeats() >= 2, profile + ": a spread needs two repeats");
    }
    assertTrue(LatencySettings.forProfile(Profile.QUICK).ratesPerSec().size() >= 3);
  }

  @Test
  void stepsCountEveryOfferedTierOfEverySystemAndTheFloor() {
    LatencySettings quick = LatencySettings.forProfile(Profile.QUICK);
    int perTier = quick.ratesPerSec().size() + 1;
    // in-memory ack; kafka-kraft none, ack, durable; kafka-zookeeper not in quick; rabbitmq
    // none, ack, durable; zeromq none.
    assertEquals(8 * perTier, LatencySuite.steps(quick, BenchSystem.all()));
    assertEquals(2 * perTier, LatencySuite.steps(quick, Set.of(BenchSystem.ZEROMQ)));
  }

  @Test
  void theFullProfileSweepsTierReplicatedOnThreeNodesOfEachBroker() {
    LatencySettings full = LatencySettings.forProfile(Profile.FULL);
    assertTrue(full.replicated());
    assertFalse(LatencySettings.forProfile(Profile.QUICK).replicated());
    int perTier = full.ratesPerSec().size() + 1;
    // in-memory ack; kafka-kraft and kafka-zookeeper none, ack, durable, and kraft on 3 brokers
    // replicated; rabbitmq none, ack, durable, and 3 nodes replicated; zeromq none.
    assertEquals(13 * perTier, LatencySuite.steps(full, BenchSystem.all()));
    assertEquals(
        11 * perTier,
        LatencySuite.steps(full, BenchSystem.all(), EnumSet.copyOf(GuaranteeTier.SINGLE_NODE)),
        "not chosen, not swept");
    assertEquals(
        1 + 1,
        LatencySuite.steps(full, Set.of(BenchSystem.RABBITMQ), Set.of(GuaranteeTier.REPLICATED))
            / perTier,
        "the floor and RabbitMQ's quorum queues");
  }

  @Test
  void ratesMustIncrease() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LatencySettings(
                    List.of(5_000, 1_000),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    2,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    2,
                    Duration.ofSeconds(1),
                    5_000,
                    1024,
                    Set.of(),
                    Arrivals.FIXED_RATE,
                    false));
    assertTrue(e.getMessage().contains("must increase"), e.getMessage());
  }

  @Test
  void theLatencySuiteAndPoissonArrivalsComeFromTheCommandLine() {
    BenchConfig defaults = BenchConfig.parse();
    assertTrue(defaults.runs("latency"), "on by default");
    assertEquals(Arrivals.FIXED_RATE, defaults.arrivals());
    BenchConfig config = BenchConfig.parse("--suites=latency", "--arrivals=poisson");
    assertEquals(Set.of("latency"), config.suites());
    assertEquals(Arrivals.POISSON, config.arrivals());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse("--arrivals=burst"));
    assertTrue(e.getMessage().startsWith("bench.arrivals: 'burst'"), e.getMessage());
  }
}
