package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.throughput.ThroughputPlan.BASELINE;
import static io.brokerbench.bench.throughput.ThroughputPlan.MESH;
import static io.brokerbench.bench.throughput.ThroughputPlan.cells;
import static io.brokerbench.bench.throughput.ThroughputPlan.forkOrder;
import static io.brokerbench.bench.throughput.ThroughputPlan.label;
import static io.brokerbench.bench.throughput.ThroughputPlan.runsConsumerOnly;
import static io.brokerbench.bench.throughput.ThroughputPlan.targets;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Errors;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The matched-workload throughput suite. Every system's broker starts first (outside JMH's forks)
 * and stays up; then the suite measures in interleaved rounds: in each round every system runs
 * every offered tier of every workload as one JMH trial each, all of a system's trials of the round
 * one after the other in one JMH fork of their own (A, B, C, then A, B, C again), so that only the
 * first trial of a fork warms up a cold client JVM. Each system's window check (the same trial with
 * four times the in-flight window) runs right beside the trial it checks, before it in one round
 * and after it in the next, so that both see the same broker state; each vendor tool runs right
 * after the fork that holds the trial it is compared with. The machine's drift between rounds then
 * hits every system alike, and each ratio the claims use is taken round by round (Kalibera and
 * Jones, "Rigorous Benchmarking in Reasonable Time", 2013). A tier the system does not offer is a
 * row that says so; a trial that fails is a failed row (with the other trials of its fork) and the
 * suite goes on.
 */
public final class ThroughputSuite implements Suite {
  /**
   * How much a profile measures.
   *
   * @param rounds interleaved rounds: each system's trials once per round
   * @param warmupSlice a slice of the steady-state warm-up
   * @param warmupTolerance two consecutive slices within this fraction of each other end the
   *     warm-up
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
   * @param parityTiers the tiers at which the vendors' tools run beside brokerbench, once per
   *     round: Kafka's ProducerPerformance (with brokerbench's producer alone) at {@code ack} and
   *     {@code durable}, RabbitMQ PerfTest at each; the jeromq loop runs whenever ZeroMQ does
   * @param replicated whether tier {@code replicated} runs, on a 3-node cluster of Kafka (KRaft)
   *     and of RabbitMQ started for it, on the baseline workload (see {@link
   *     SystemUnderTest#broker})
   */
  public record Settings(
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

    public Settings {
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
     * fork's warm-up and two settled slices, so that no tool, which starts in a cold JVM of its
     * own, is measured earlier in its warm-up than a trial may be.
     */
    public Duration warmup() {
      return forkWarmup.plus(warmupSlice.multipliedBy(2));
    }

    /** A trial's measured time in one round, also the vendors' tools' measured time. */
    public Duration measurement() {
      return iterationTime.multipliedBy(iterations);
    }

    public static Settings forProfile(Profile profile) {
      return switch (profile) {
        case SMOKE ->
            new Settings(
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
            new Settings(
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
            new Settings(
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

  /**
   * The quick profile's backlog for brokerbench's consumer: 200 MiB of 1 KiB messages, which the
   * page cache holds, read in about a quarter of a second a pass on the development machine (five
   * passes in all), and filled in about a second outside the measured time.
   */
  static final long QUICK_BACKLOG = 200_000;

  private final Settings settings;
  private final RunPlan plan;
  private final Progress progress;
  private final List<ThroughputRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private final ForkRunner forks;
  private final VendorTools tools;

  /**
   * @param plan the systems, the tiers (the in-memory ceiling runs anyway; tier {@code replicated}
   *     runs where the settings start its 3-node clusters, {@link Settings#replicated}) and the
   *     external clusters, measured where they are
   * @param staging the run's folder: JMH's results and the trials' histograms go into it
   */
  public ThroughputSuite(Settings settings, RunPlan plan, Path staging, Progress progress) {
    this.settings = settings;
    this.plan = plan;
    this.progress = progress;
    this.forks = new ForkRunner(settings, staging);
    this.tools = new VendorTools(settings, progress);
  }

  /** The suite of {@code plan}'s profile. */
  public static ThroughputSuite of(RunPlan plan, Path staging, Progress progress) {
    return new ThroughputSuite(Settings.forProfile(plan.profile()), plan, staging, progress);
  }

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public int steps() {
    return steps(settings, plan.systems(), plan.tiers());
  }

  @Override
  public List<ThroughputRow> rows() {
    return List.copyOf(rows);
  }

  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** {@code throughput.json}: one row per system, tier and workload. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "throughput");
    json.put("rows", rows());
    return json;
  }

  /** The report's tables, one per tier; empty when nothing ran. */
  @Override
  public String report(Path staging) {
    return rows.isEmpty() ? "" : ThroughputTable.markdown(rows());
  }

  /** How many progress steps {@link #run} takes for {@code systems}. */
  public static int steps(Settings settings, Set<BenchSystem> systems) {
    return steps(settings, systems, EnumSet.allOf(GuaranteeTier.class));
  }

  /** Progress steps for {@code systems} at {@code tiers}: each fork and tool once per round. */
  public static int steps(Settings settings, Set<BenchSystem> systems, Set<GuaranteeTier> tiers) {
    return ThroughputPlan.steps(settings, systems, tiers);
  }

  /** Runs every system; an external one is measured where it is, not started. */
  @Override
  public void run() {
    Set<GuaranteeTier> tiers = plan.tiers();
    List<Target> targets = targets(settings, plan.systems(), plan.external());
    List<AutoCloseable> started = new ArrayList<>();
    // Made per run: its rows are those of the tiers chosen.
    RowFolder folder = new RowFolder(settings, tiers, rows);
    ConsumerOnlyComparison comparison =
        new ConsumerOnlyComparison(settings, progress, forks, folder, rows);
    try {
      List<Cell> cells = new ArrayList<>();
      for (Target target : targets) {
        List<Cell> own = cells(settings, tiers, target);
        if (!own.isEmpty()) {
          start(target, started);
        }
        cells.addAll(own);
      }
      Map<Cell, List<Measured>> measured = new LinkedHashMap<>();
      Map<Cell, List<Double>> vendor = new LinkedHashMap<>();
      Map<Cell, String> vendorTool = new LinkedHashMap<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Target target : targets) {
          if (round > 1 && target.underTest == SystemUnderTest.IN_MEMORY) {
            continue;
          }
          List<Cell> fork =
              forkOrder(cells.stream().filter(cell -> cell.target() == target).toList(), round);
          if (fork.isEmpty()) {
            continue;
          }
          progress.step(
              String.format(
                  "round %d/%d: %s, one fork: %s",
                  round,
                  settings.rounds(),
                  target.system,
                  fork.stream().map(ThroughputPlan::label).collect(Collectors.joining("; "))));
          List<Measured> results = forks.fork(fork, round);
          List<String> outcomes = new ArrayList<>();
          for (int i = 0; i < fork.size(); i++) {
            measured.computeIfAbsent(fork.get(i), c -> new ArrayList<>()).add(results.get(i));
            outcomes.add(label(fork.get(i)) + ": " + Measured.describe(results.get(i)));
          }
          progress.done(String.join("; ", outcomes));
          for (int i = 0; i < fork.size(); i++) {
            Cell cell = fork.get(i);
            if (cell.vendor() != null) {
              VendorResult tool = tools.vendor(cell, results.get(i), round);
              vendor
                  .computeIfAbsent(cell, c -> new ArrayList<>())
                  .add(tool == null ? 0 : tool.msgPerSec());
              if (tool != null) {
                vendorTool.put(cell, tool.tool());
              }
            }
          }
        }
      }
      for (Target target : targets) {
        folder.addRows(target, cells, measured, vendor, vendorTool);
        if (target.underTest.family() == Family.KAFKA && runsConsumerOnly(settings, tiers)) {
          comparison.consumerOnly(target);
        }
      }
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          progress.done("stopping a broker failed: " + Errors.innermostFirstLine(e));
        }
      }
      Work.deleteCreated();
    }
  }

  /**
   * Starts the target's broker where brokerbench runs one; a broker that cannot start leaves the
   * target's trials to fail saying why, and the suite goes on with the others.
   */
  private void start(Target target, List<AutoCloseable> started) {
    if (target.starts == null) {
      return;
    }
    try {
      Broker broker = target.starts.get();
      started.add(broker);
      broker.start();
      described.add(broker.describe());
      target.broker = broker;
      target.target.putAll(Targets.of(broker));
    } catch (BrokerUnavailableException e) {
      target.neverStarted(Status.SKIPPED, "skipped: " + e.getMessage());
    } catch (RuntimeException e) {
      target.neverStarted(Status.FAILED, "failed to start: " + Errors.innermostFirstLine(e));
    }
  }
}
