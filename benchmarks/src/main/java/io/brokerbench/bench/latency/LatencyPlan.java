package io.brokerbench.bench.latency;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the {@link LatencySuite} plans before it measures: each profile's {@link LatencySettings},
 * the progress steps a run over some systems and tiers takes, and which systems get a 3-node sweep.
 * Apart from the suite so that the suite reads as the run itself, and this as the table of what a
 * profile asks for and the arithmetic the progress bar relies on.
 */
final class LatencyPlan {
  private LatencyPlan() {}

  /** 1 KiB, the size of the throughput suite's baseline and of the vendors' tools' runs. */
  static final int MESSAGE_BYTES = 1024;

  /** A rate every system sustains on a 2-core machine, so every system is in one spectrum. */
  static final int SPECTRUM_RATE_PER_SEC = 5_000;

  /**
   * A saturated point's backlog is at most the rig's in-flight window (10,000 messages), which the
   * slowest tier here (RabbitMQ, durable) delivers in about a second.
   */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** The settings of {@code profile}. */
  static LatencySettings settings(Profile profile, Arrivals arrivals) {
    return switch (profile) {
      case SMOKE ->
          new LatencySettings(
              // One rate, the spectrum's: smoke must draw every plot within its 5 minutes.
              List.of(SPECTRUM_RATE_PER_SEC),
              Duration.ofSeconds(2),
              Duration.ofSeconds(1),
              Duration.ofMillis(300),
              2,
              Duration.ofSeconds(1),
              Duration.ofMillis(500),
              2,
              DRAIN_TIMEOUT,
              SPECTRUM_RATE_PER_SEC,
              MESSAGE_BYTES,
              Set.of(BenchSystem.KAFKA_KRAFT),
              arrivals,
              false);
      case QUICK ->
          new LatencySettings(
              List.of(1_000, SPECTRUM_RATE_PER_SEC, 20_000),
              Duration.ofSeconds(5),
              // Two seconds: a fresh Kafka topic settles within them.
              Duration.ofSeconds(2),
              Duration.ofMillis(500),
              // Three repeats for a spread that a single odd repeat cannot make, of 2 s each
              // (2,000 samples at 1,000 msg/s, p99 on the 20 largest) to stay within 6 minutes.
              3,
              Duration.ofSeconds(2),
              Duration.ofSeconds(1),
              // Steps of 1.1x close the bracket from 90% of the capacity in two or three probes;
              // five leave room for a bisection when the first one is saturated.
              5,
              DRAIN_TIMEOUT,
              SPECTRUM_RATE_PER_SEC,
              MESSAGE_BYTES,
              Set.of(BenchSystem.KAFKA_KRAFT),
              arrivals,
              false);
      case FULL ->
          new LatencySettings(
              List.of(1_000, SPECTRUM_RATE_PER_SEC, 10_000, 20_000, 50_000, 100_000, 200_000),
              Duration.ofSeconds(15),
              Duration.ofSeconds(5),
              Duration.ofSeconds(2),
              3,
              Duration.ofSeconds(10),
              Duration.ofSeconds(2),
              6,
              DRAIN_TIMEOUT,
              SPECTRUM_RATE_PER_SEC,
              MESSAGE_BYTES,
              Set.of(BenchSystem.KAFKA_KRAFT, BenchSystem.KAFKA_ZOOKEEPER),
              arrivals,
              // Two 3-node clusters and a sweep each: minutes the quick profile cannot spare.
              true);
    };
  }

  /** Progress steps for {@code systems} at {@code chosen} tiers. */
  static int steps(LatencySettings settings, Set<BenchSystem> systems, Set<GuaranteeTier> chosen) {
    Set<GuaranteeTier> tiers = GuaranteeTier.singleNode(chosen);
    int sweeps = 1; // the in-memory floor, tier ack
    for (BenchSystem system : systems) {
      sweeps +=
          switch (system) {
            case KAFKA_KRAFT, KAFKA_ZOOKEEPER ->
                settings.kafkaModes().contains(system) ? tiers.size() : 0;
            case KAFKA_4, RABBITMQ -> tiers.size();
            case RABBITMQ_STREAM ->
                (int) tiers.stream().filter(system.underTest().tiers()::contains).count();
            case ZEROMQ -> tiers.contains(GuaranteeTier.NONE) ? 1 : 0;
          };
      if (replicatedSweep(settings, chosen, system)) {
        sweeps++;
      }
    }
    return sweeps * TierSweep.steps(settings);
  }

  /** Whether {@code system} gets a 3-node sweep of tier replicated. */
  static boolean replicatedSweep(
      LatencySettings settings, Set<GuaranteeTier> chosen, BenchSystem system) {
    return settings.replicated()
        && chosen.contains(GuaranteeTier.REPLICATED)
        && system.underTest().replicates();
  }
}
