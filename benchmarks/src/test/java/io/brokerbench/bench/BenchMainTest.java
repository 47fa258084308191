package io.brokerbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokerbench.bench.durability.DurabilitySettings;
import io.brokerbench.bench.durability.DurabilitySuite;
import io.brokerbench.bench.latency.LatencySettings;
import io.brokerbench.bench.latency.LatencySuite;
import io.brokerbench.bench.metadata.MetadataPlan;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.bench.throughput.ThroughputSettings;
import io.brokerbench.bench.throughput.ThroughputSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
  @Test
  void theSuitesRunInTheOrderAndUnderTheNamesThatBenchSuitesSelects(@TempDir Path staging) {
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()));
    assertEquals(
        BenchConfig.SUITES,
        BenchMain.SUITES.stream()
            .map(factory -> factory.create(BenchConfig.parse().plan(), staging, progress))
            .map(Suite::name)
            .toList());
  }

  /** The progress total is what the suites planned before the loop: each from the same plan. */
  @Test
  void eachSuitePlansItsStepsFromTheRunPlan(@TempDir Path staging) {
    BenchConfig config = BenchConfig.parse("--profile=quick", "--tiers=none,ack");
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream()));
    var plan = config.plan();
    var suites =
        BenchMain.SUITES.stream().map(factory -> factory.create(plan, staging, progress)).toList();
    var throughput = ThroughputSettings.forProfile(Profile.QUICK);
    var latency = LatencySettings.forProfile(Profile.QUICK, config.arrivals());
    var durability = DurabilitySettings.forProfile(Profile.QUICK).onlyTiers(config.tiers());
    assertEquals(
        java.util.List.of(
            3 * 4,
            ThroughputSuite.steps(throughput, config.systems(), config.tiers()),
            LatencySuite.steps(latency, config.systems(), config.tiers()),
            DurabilitySuite.steps(durability, config.systems()),
            4,
            MetadataPlan.forProfile(Profile.QUICK, 1).points().size()),
        suites.stream().map(Suite::steps).toList());
  }
}
