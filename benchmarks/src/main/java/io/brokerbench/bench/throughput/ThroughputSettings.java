package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.throughput.ThroughputPlan.BASELINE;
import static io.brokerbench.bench.throughput.ThroughputPlan.MESH;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.UserWorkloads;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The throughput suite's sizes per profile: how much it measures.
 *
 * @param rounds interleaved rounds: each system's trials once per round
 * @param warmupSlice a slice of the steady-state warm-up
 * @param warmupTolerance two consecutive slices within this fraction of each other end the warm-up
 * @param warmupMax the warm-up's cap: a trial not steady by then is measured anyway and its
 *     iterations' drift decides whether its row is {@code unsettled}
 * @param forkWarmup each fork's discarded warm-up before its first trial (its JVM starts cold)
 * @param brokerWarmup the same in each broker's first fork, which also warms up the broker
 * @param iterations measurement iterations per trial and round
 * @param iterationTime one measurement iteration
 * @param settledSpread a row whose iterations drifted the same way by more than this fraction of
 *     their mean in every round is {@code unsettled} (see {@link RowFolder#unsettled})
 * @param workloads the workload files (under {@code workloads/}) each tier runs
 * @param kafkaModes the Kafka metadata modes measured (ZooKeeper mode only in the full profile)
 * @param vendorRecords messages per run of the jeromq loop, and the least per run of
 *     ProducerPerformance (which runs as long as a trial's warm-up and measurement)
 * @param consumerOnly the backlog that brokerbench's Kafka consumer and ConsumerPerformance each
 *     read alone, and how often brokerbench's reads it; null: the consumer-only comparison is not
 *     run
 * @param zeromqProxy whether ZeroMQ also runs every workload through an XSUB/XPUB proxy ({@code
 *     zeromq-proxy} rows), the other side of claim Z4 (full profile)
 * @param parityTiers the tiers at which the vendors' tools run beside brokerbench, once per round:
 *     Kafka's ProducerPerformance (with brokerbench's producer alone) at {@code ack} and {@code
 *     durable}, RabbitMQ PerfTest at each; the jeromq loop runs whenever ZeroMQ does
 * @param replicated whether tier {@code replicated} runs, on a 3-node cluster of Kafka (KRaft) and
 *     of RabbitMQ started for it, on the baseline workload (see {@link SystemUnderTest#broker})
 */
public record ThroughputSettings(
    int rounds,
    Duration warmupSlice,
    double warmupTolerance,
    Duration warmupMax,
    Duration forkWarmup,
    Duration brokerWarmup,
    int iterations,
    Duration iterationTime,
    double settledSpread,
    List<String> workloads,
    Set<BenchSystem> kafkaModes,
    int vendorRecords,
    ConsumerOnly consumerOnly,
    boolean zeromqProxy,
    Set<GuaranteeTier> parityTiers,
    boolean replicated) {
  /**
   * The quick profile's backlog for brokerbench's consumer: 200 MiB of 1 KiB messages, which the
   * page cache holds, read in about a quarter of a second a pass on the development machine (five
   * passes in all), and filled in about a second outside the measured time.
   */
  private static final long QUICK_BACKLOG = 200_000;

  public ThroughputSettings {
    if (rounds < 1 || iterations < 1 || settledSpread <= 0 || warmupTolerance < 0) {
      throw new IllegalArgumentException(
          "throughput settings: rounds and iterations must be 1 or more, settledSpread above 0"
              + " and warmupTolerance 0 or more; was rounds "
              + rounds
              + ", iterations "
              + iterations
              + ", settledSpread "
              + settledSpread
              + ", warmupTolerance "
              + warmupTolerance);
    }
    workloads = List.copyOf(workloads);
    kafkaModes = Set.copyOf(kafkaModes);
    parityTiers = parityTiers.isEmpty() ? Set.of() : EnumSet.copyOf(parityTiers);
  }

  /**
   * The vendors' tools' warm-up, discarded: the earliest a trial of ours may be measured, its
   * fork's warm-up and two settled slices, so that no tool, which starts in a cold JVM of its own,
   * is measured earlier in its warm-up than a trial may be.
   */
  public Duration warmup() {
    return forkWarmup.plus(warmupSlice.multipliedBy(2));
  }

  /**
   * These settings on the user's workload files too ({@code -Dbench.workloads}): after the
   * profile's own when {@code user} runs them beside; otherwise instead of them, and then without
   * the vendors' tools, the consumer-only comparison and the 3-node clusters, which measure the
   * bundled baseline (the in-memory ceiling still runs it: it says what the harness can deliver).
   */
  public ThroughputSettings withWorkloads(UserWorkloads user) {
    if (user.files().isEmpty()) {
      return this;
    }
    boolean bundled = user.runsBundled();
    List<String> chosen = new ArrayList<>(bundled ? workloads : List.of());
    chosen.addAll(user.files());
    return new ThroughputSettings(
        rounds,
        warmupSlice,
        warmupTolerance,
        warmupMax,
        forkWarmup,
        brokerWarmup,
        iterations,
        iterationTime,
        settledSpread,
        chosen,
        kafkaModes,
        vendorRecords,
        bundled ? consumerOnly : null,
        zeromqProxy,
        bundled ? parityTiers : Set.of(),
        bundled && replicated);
  }

  /** A trial's measured time in one round, also the vendors' tools' measured time. */
  public Duration measurement() {
    return iterationTime.multipliedBy(iterations);
  }

  public static ThroughputSettings forProfile(Profile profile) {
    return switch (profile) {
      case SMOKE ->
          new ThroughputSettings(
              // One round, one iteration: a coarse figure (no spread) that proves the pipeline.
              1,
              Duration.ofSeconds(1),
              0.2,
              Duration.ofSeconds(4),
              Duration.ofSeconds(2),
              Duration.ofSeconds(2),
              1,
              Duration.ofSeconds(2),
              0.25,
              List.of(BASELINE),
              Set.of(BenchSystem.KAFKA_KRAFT),
              100_000,
              null,
              false,
              EnumSet.of(GuaranteeTier.ACK),
              false);
      case QUICK ->
          new ThroughputSettings(
              // Three rounds are the fewest that give each ratio an interval of its own. The
              // suite's budget is 6 minutes on the 2-core development machine (the whole quick
              // profile's 30): a system's trials share a fork per round, so only the fork's
              // discarded warm-up meets a cold JVM, and its later trials, warm, settle in a
              // second or two of half-second slices. Each is measured 2 x 2 s: 2 x 1 s widened
              // the rounds' spread (RabbitMQ at none 15.6k to 52.1k msg/s in one run).
              3,
              Duration.ofMillis(500),
              0.1,
              Duration.ofSeconds(8),
              Duration.ofSeconds(5),
              // A broker's first fork warms the broker up too (it replaces the discarded trial
              // each broker had before the first round): a fresh Kafka was still speeding up
              // through its first round after a 10 s trial.
              Duration.ofSeconds(15),
              2,
              Duration.ofSeconds(2),
              0.25,
              List.of(BASELINE),
              Set.of(BenchSystem.KAFKA_KRAFT),
              300_000,
              // The consumer-only comparison (two fills, a fork and the tool's cold JVM per
              // round) does not fit the quick profile's time; the full profile runs it.
              null,
              false,
              // The vendors' tools at tier ack, three times each, interleaved with ours.
              EnumSet.of(GuaranteeTier.ACK),
              // Two 3-node clusters and their rounds do not fit the quick profile's time.
              false);
      case FULL ->
          new ThroughputSettings(
              3,
              Duration.ofSeconds(1),
              0.05,
              Duration.ofSeconds(20),
              Duration.ofSeconds(10),
              Duration.ofSeconds(30),
              3,
              Duration.ofSeconds(4),
              0.25,
              List.of(
                  "1-topic-1-partition-100b",
                  BASELINE,
                  "1-topic-1-partition-16kb",
                  "1-topic-16-partitions-1kb",
                  "1-topic-1-partition-4-producers-1kb",
                  "1-topic-1-partition-4-subscriptions-1kb",
                  MESH),
              Set.of(BenchSystem.KAFKA_KRAFT, BenchSystem.KAFKA_ZOOKEEPER),
              1_000_000,
              new ConsumerOnly(3 * QUICK_BACKLOG, 2, 5),
              true,
              EnumSet.copyOf(GuaranteeTier.SINGLE_NODE),
              true);
    };
  }
}
