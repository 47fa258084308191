package io.brokerbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim Z4's connection count, measured the way the suite measures it: ZeroMQ's M x N workload (4
 * producers, 4 subscriptions) runs as JMH trials, brokerless and through its XSUB/XPUB proxy, and
 * each row must carry the connections counted in the trial's fork, not what the driver says it
 * opened: 16 for the mesh, 8 for the proxy, and 1 and 2 for the one-to-one workload.
 */
class ZeroMqConnectionsIT {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theMeshNeedsMTimesNConnectionsAndTheProxyMPlusN(@TempDir Path staging) {
    ThroughputSettings settings =
        new ThroughputSettings(
            1,
            Duration.ofMillis(500),
            0.5,
            Duration.ofSeconds(1),
            Duration.ZERO,
            Duration.ZERO,
            1,
            Duration.ofSeconds(2),
            0.25,
            List.of(ThroughputPlan.BASELINE, ThroughputPlan.MESH),
            Set.of(),
            20_000,
            null,
            true,
            EnumSet.allOf(GuaranteeTier.class),
            false);
    Set<GuaranteeTier> tiers = EnumSet.of(GuaranteeTier.NONE);
    Set<BenchSystem> systems = EnumSet.of(BenchSystem.ZEROMQ);
    ThroughputSuite suite =
        new ThroughputSuite(
            settings,
            RunPlan.of(Profile.SMOKE, systems).withTiers(tiers),
            staging,
            new Progress(
                new PrintStream(System.out), ThroughputSuite.steps(settings, systems, tiers)));
    suite.run();

    List<ThroughputRow> rows = suite.rows();
    String all = rows.stream().map(ThroughputRow::toString).collect(Collectors.joining("\n"));
    assertConnections(rows, "zeromq", ThroughputPlan.BASELINE, 1, all);
    assertConnections(rows, "zeromq", ThroughputPlan.MESH, 16, all);
    assertConnections(rows, SystemUnderTest.ZEROMQ_PROXY.label(), ThroughputPlan.BASELINE, 2, all);
    assertConnections(rows, SystemUnderTest.ZEROMQ_PROXY.label(), ThroughputPlan.MESH, 8, all);
  }

  private static void assertConnections(
      List<ThroughputRow> rows, String system, String workload, int expected, String all) {
    ThroughputRow row =
        rows.stream()
            .filter(r -> r.system().equals(system) && r.topology().equals(workload))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no row " + system + " " + workload + "\n" + all));
    assertEquals(Status.OK, row.status(), all);
    assertTrue(row.msgPerSec() > 0, row.toString());
    assertEquals(expected, row.connections(), system + " " + workload + ": " + row);
  }
}
