package io.brokerbench.bench.throughput;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.RunDirectory;
import io.brokerbench.bench.vendor.JeromqLoop;
import io.brokerbench.bench.vendor.KafkaConsumerPerformance;
import io.brokerbench.bench.vendor.KafkaProducerPerformance;
import io.brokerbench.bench.vendor.RabbitPerfTest;
import io.brokerbench.bench.vendor.VendorResult;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaRoundTrip;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.Workload;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

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
public final class ThroughputSuite {
  /** The producer-alone workload, compared with Kafka's ProducerPerformance. */
  static final String PRODUCER_ONLY = "1-topic-1-partition-1kb-producer-only";

  /** The consumer-alone workload, compared with Kafka's ConsumerPerformance. */
  static final String CONSUMER_ONLY = "1-topic-1-partition-1kb-consumer-only";

  /** The baseline workload, compared with PerfTest and the jeromq loop. */
  static final String BASELINE = "1-topic-1-partition-1kb";

  /**
   * The M x N workload of claim Z4: 4 producers, each message to 4 subscriptions, so ZeroMQ's mesh
   * needs 16 connections where its proxy needs 8 (measured: RabbitMQ 9, Kafka 18, whose clients
   * each keep two). Its fan-in and fan-out twins are the 4-producer and 4-subscription workloads.
   */
  static final String MESH = "1-topic-1-partition-4-producers-4-subscriptions-1kb";

  /**
   * The in-memory driver's label: the harness's own ceiling, measured in the first round only (it
   * is no system a verdict compares, so the machine's drift between rounds is not its concern).
   */
  static final String IN_MEMORY = "in-memory";

  /** The system label of ZeroMQ through an XSUB/XPUB proxy per topic. */
  static final String ZEROMQ_PROXY = "zeromq-proxy";

  /**
   * The in-flight window of the check is this many times the trial's: if the system then delivers
   * more than {@link #WINDOW_BINDS_ABOVE} times as much, the harness's window, not the system,
   * limited the trial.
   */
  static final int WINDOW_CHECK_FACTOR = 4;

  /**
   * The window check's bound: a larger window that delivers more than 10% more shows the window
   * binding. Repeated trials of one system on the development machine differ by a few percent
   * within a round, so a smaller bound would mostly measure noise.
   */
  static final double WINDOW_BINDS_ABOVE = 1.10;

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
   *     their mean in every round is {@code unsettled} (see {@link #unsettled})
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
   *     and of RabbitMQ started for it, on the baseline workload (see {@link Targets#broker})
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

    public static Settings forProfile(String profile) {
      return switch (profile) {
        case "smoke" ->
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
        case "quick" ->
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
        default ->
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

  /**
   * The consumer-only comparison: a topic filled with {@code messages} 1 KiB messages, read from
   * the beginning by a consumer alone; brokerbench's reads it {@code warmupPasses} times to warm up
   * (discarded), then {@code passes} times measured, each pass an iteration.
   */
  public record ConsumerOnly(long messages, int warmupPasses, int passes) {
    /** The most ConsumerPerformance reads: 2 GiB of 1 KiB messages, whatever the profile. */
    static final long VENDOR_MAX = 2_000_000;

    /**
     * The backlog ConsumerPerformance reads, in one cold JVM: as many messages as brokerbench's
     * consumer reads in all its passes, warm-up included (at most {@link #VENDOR_MAX}), so that the
     * tool's JIT warm-up weighs on its figure about as little as brokerbench's discarded passes
     * weigh on nothing. A backlog of one pass alone is read in well under a second.
     */
    long vendorMessages() {
      return Math.min(VENDOR_MAX, messages * (warmupPasses + passes));
    }

    public ConsumerOnly {
      if (messages < 1 || warmupPasses < 0 || passes < 1) {
        throw new IllegalArgumentException(
            "consumerOnly: messages and passes must be 1 or more, warmupPasses 0 or more; was "
                + messages
                + ", "
                + warmupPasses
                + ", "
                + passes);
      }
    }
  }

  /** A vendor's tool run beside one of brokerbench's trials, once per round. */
  enum Tool {
    PERF_TEST,
    PRODUCER_PERFORMANCE,
    JEROMQ_LOOP
  }

  /**
   * A system as the suite measures it: its label, how it ran, the driver's target, the broker the
   * suite starts for it and watches during its trials (none for the in-memory driver, ZeroMQ and
   * external brokers), and the tiers it offers: a single node's, or tier replicated alone on a
   * 3-node cluster.
   */
  static final class Target {
    final String system;
    final String mode;
    final Map<String, String> target = new java.util.HashMap<>();
    final Set<GuaranteeTier> offered;
    final String bootstrap;
    final String uri;
    final Supplier<Broker> starts;
    Broker broker;

    /** Why the system serves no more trials (its broker died, or never started), or null. */
    String death;

    Target(
        String system,
        String mode,
        Map<String, String> target,
        Set<GuaranteeTier> offered,
        String bootstrap,
        String uri) {
      this(system, mode, target, offered, bootstrap, uri, null);
    }

    Target(
        String system,
        String mode,
        Map<String, String> target,
        Set<GuaranteeTier> offered,
        String bootstrap,
        String uri,
        Supplier<Broker> starts) {
      this.system = system;
      this.mode = mode;
      this.target.putAll(target);
      this.offered = offered;
      this.bootstrap = bootstrap;
      this.uri = uri;
      this.starts = starts;
    }

    /** Whether this is a 3-node cluster of tier replicated. */
    boolean replicated() {
      return offered.equals(EnumSet.of(GuaranteeTier.REPLICATED));
    }

    boolean down() {
      if (death == null && broker != null && !broker.isRunning()) {
        death = "the broker " + broker.name() + " is no longer running";
      }
      return death != null;
    }
  }

  /**
   * One trial the suite runs in every round: a system at a tier on a workload with an in-flight
   * window, maybe the window check of its system and workload, maybe followed by a vendor's tool.
   */
  record Cell(Target target, String tier, String workload, int window, boolean check, Tool vendor) {
    String name() {
      return TrialOutput.trialName(target.system, tier, workload) + (check ? "-window-check" : "");
    }
  }

  /** One round of one cell: JMH's figures and the fork's own, or why it failed. */
  record Measured(
      double perSec,
      double sentPerSec,
      List<Double> iterations,
      int connections,
      double meanLatencyUs,
      double windowWaitShare,
      boolean warmupSettled,
      String failure) {
    static Measured failed(String why) {
      return new Measured(0, 0, List.of(), 0, 0, 0, false, why);
    }

    /** The last iteration less the first, over their mean: the round's drift; 0 with one. */
    double drift() {
      double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      return iterations.size() < 2 || mean <= 0
          ? 0
          : (iterations.get(iterations.size() - 1) - iterations.get(0)) / mean;
    }
  }

  private final Settings settings;
  private final Path staging;
  private final Progress progress;
  private final List<ThroughputRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private Set<GuaranteeTier> tiers = EnumSet.allOf(GuaranteeTier.class);

  public ThroughputSuite(Settings settings, Path staging, Progress progress) {
    this.settings = settings;
    this.staging = staging;
    this.progress = progress;
  }

  /**
   * Runs only {@code chosen} tiers (the in-memory ceiling runs anyway); all by default. Tier {@code
   * replicated} runs where the profile starts its 3-node clusters ({@link Settings#replicated}).
   */
  public ThroughputSuite onlyTiers(Set<GuaranteeTier> chosen) {
    this.tiers = EnumSet.noneOf(GuaranteeTier.class);
    this.tiers.addAll(chosen);
    return this;
  }

  public List<ThroughputRow> rows() {
    return List.copyOf(rows);
  }

  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** How many progress steps {@link #run} takes for {@code systems}. */
  public static int steps(Settings settings, Set<BenchSystem> systems) {
    return steps(settings, systems, EnumSet.allOf(GuaranteeTier.class));
  }

  /** Progress steps for {@code systems} at {@code tiers}: each fork and tool once per round. */
  public static int steps(Settings settings, Set<BenchSystem> systems, Set<GuaranteeTier> tiers) {
    int forks = 0;
    for (Target target : targets(settings, systems, new External("", "", "", ""))) {
      List<Cell> own = cells(settings, tiers, target);
      int perRound =
          (own.isEmpty() ? 0 : 1)
              + (int) own.stream().filter(cell -> cell.vendor() != null).count();
      forks += target.system.equals(IN_MEMORY) ? perRound : settings.rounds() * perRound;
    }
    int consumerOnly = 0;
    for (BenchSystem system : systems) {
      if (isKafka(system) && settings.kafkaModes().contains(system)) {
        consumerOnly += runsConsumerOnly(settings, tiers) ? 2 : 0;
      }
    }
    return forks + consumerOnly;
  }

  private static boolean isKafka(BenchSystem system) {
    return system == BenchSystem.KAFKA_KRAFT || system == BenchSystem.KAFKA_ZOOKEEPER;
  }

  /**
   * The systems to measure, in the order each round runs them: the in-memory ceiling first. Kafka
   * runs where the profile measures its mode or the user named a cluster of their own.
   */
  private static List<Target> targets(
      Settings settings, Set<BenchSystem> systems, External external) {
    List<Target> targets = new ArrayList<>();
    Set<GuaranteeTier> single = EnumSet.copyOf(GuaranteeTier.SINGLE_NODE);
    targets.add(
        new Target(IN_MEMORY, "in process", Map.of(), EnumSet.of(GuaranteeTier.ACK), "", ""));
    for (BenchSystem system : systems) {
      switch (system) {
        case KAFKA_KRAFT, KAFKA_ZOOKEEPER -> {
          String bootstrap = external.of(system);
          if (!bootstrap.isEmpty()) {
            targets.add(
                new Target(
                    system.label(),
                    "external, " + bootstrap,
                    kafkaTarget(bootstrap),
                    single,
                    bootstrap,
                    ""));
          } else if (settings.kafkaModes().contains(system)) {
            KafkaMode mode =
                system == BenchSystem.KAFKA_KRAFT ? KafkaMode.KRAFT : KafkaMode.ZOOKEEPER;
            targets.add(
                new Target(
                    system.label(),
                    mode.label() + ", 1 broker",
                    Map.of(),
                    single,
                    "",
                    "",
                    () -> Targets.broker(system, mode, false)));
          }
        }
        case RABBITMQ -> {
          String uri = external.rabbitmq();
          targets.add(
              new Target(
                  system.label(),
                  uri.isEmpty() ? "1 node, classic queues" : "external",
                  uri.isEmpty() ? Map.of() : Map.of(Targets.RABBITMQ_URI, uri),
                  single,
                  "",
                  uri,
                  uri.isEmpty() ? () -> Targets.broker(system, KafkaMode.KRAFT, false) : null));
        }
        case ZEROMQ -> {
          // ZeroMQ offers tier none only: it has no acknowledgement.
          targets.add(
              new Target(
                  system.label(),
                  "brokerless mesh (PUSH/PULL; PUB/SUB for several subscriptions)",
                  Map.of(),
                  EnumSet.of(GuaranteeTier.NONE),
                  "",
                  ""));
          if (settings.zeromqProxy()) {
            // The same workloads through one XSUB/XPUB proxy per topic: M + N connections.
            targets.add(
                new Target(
                    ZEROMQ_PROXY,
                    "XSUB/XPUB proxy, PUB/SUB",
                    Map.of(),
                    EnumSet.of(GuaranteeTier.NONE),
                    "",
                    ""));
          }
        }
      }
    }
    if (settings.replicated()) {
      for (BenchSystem system : systems) {
        if (Targets.REPLICATED_MODES.containsKey(system) && !external.isExternal(system)) {
          targets.add(
              new Target(
                  system.label(),
                  Targets.REPLICATED_MODES.get(system),
                  Map.of(),
                  EnumSet.of(GuaranteeTier.REPLICATED),
                  "",
                  "",
                  () -> Targets.broker(system, KafkaMode.KRAFT, true)));
        }
      }
    }
    return targets;
  }

  private static Map<String, String> kafkaTarget(String bootstrap) {
    return Map.of(Targets.KAFKA_BOOTSTRAP, bootstrap, Targets.KAFKA_BROKERS, "1");
  }

  /**
   * A target's cells in the order a round runs them: each offered tier of each workload; the window
   * check of each workload at the target's first offered tier; the producer alone at each parity
   * tier (Kafka); a vendor's tool after the trial it is compared with.
   */
  private static List<Cell> cells(Settings settings, Set<GuaranteeTier> chosen, Target target) {
    List<Cell> cells = new ArrayList<>();
    boolean inMemory = target.system.equals(IN_MEMORY);
    List<String> workloads = workloads(settings, target);
    List<GuaranteeTier> run = new ArrayList<>();
    for (GuaranteeTier tier : GuaranteeTier.values()) {
      if (target.offered.contains(tier) && (inMemory || chosen.contains(tier))) {
        run.add(tier);
      }
    }
    if (run.isEmpty()) {
      return cells;
    }
    boolean kafka = target.system.startsWith("kafka") && !target.replicated();
    for (String workload : workloads) {
      int window = ThroughputBenchmark.window(bytes(workload));
      for (GuaranteeTier tier : run) {
        Tool vendor = null;
        if (workload.equals(BASELINE) && parity(settings, chosen, tier) && !target.replicated()) {
          if (target.system.equals(BenchSystem.RABBITMQ.label())) {
            vendor = Tool.PERF_TEST;
          } else if (target.system.equals(BenchSystem.ZEROMQ.label())) {
            vendor = Tool.JEROMQ_LOOP;
          }
        }
        if (target.system.equals(BenchSystem.ZEROMQ.label()) && workload.equals(BASELINE)) {
          vendor = Tool.JEROMQ_LOOP; // the plain loop runs whenever ZeroMQ does
        }
        cells.add(new Cell(target, tier.key(), workload, window, false, vendor));
      }
      if (!inMemory) {
        // The in-memory driver has no flow control of its own: the window is its only limit by
        // construction, and its row is the harness's ceiling, not a system's figure.
        cells.add(
            new Cell(target, run.get(0).key(), workload, WINDOW_CHECK_FACTOR * window, true, null));
      }
    }
    if (kafka) {
      for (GuaranteeTier tier : List.of(GuaranteeTier.ACK, GuaranteeTier.DURABLE)) {
        if (parity(settings, chosen, tier)) {
          cells.add(
              new Cell(
                  target,
                  tier.key(),
                  PRODUCER_ONLY,
                  ThroughputBenchmark.window(bytes(PRODUCER_ONLY)),
                  false,
                  Tool.PRODUCER_PERFORMANCE));
        }
      }
    }
    return cells;
  }

  /**
   * The workloads a target runs: the in-memory ceiling and the 3-node clusters the baseline alone
   * (their figures are a ceiling and a tier's price, not a topology's), the others the profile's.
   */
  private static List<String> workloads(Settings settings, Target target) {
    return target.system.equals(IN_MEMORY) || target.replicated()
        ? List.of(BASELINE)
        : settings.workloads();
  }

  private static int bytes(String workload) {
    return WorkloadLoader.loadResource("workloads/" + workload + ".yaml").workload().messageSize();
  }

  /** Whether the vendors' tools run at {@code tier}: the run measures it and the profile asks. */
  private static boolean parity(Settings settings, Set<GuaranteeTier> tiers, GuaranteeTier tier) {
    return tiers.contains(tier) && settings.parityTiers().contains(tier);
  }

  /** Whether the consumer-only comparison runs: at tier ack, where the profile has one. */
  private static boolean runsConsumerOnly(Settings settings, Set<GuaranteeTier> tiers) {
    return settings.consumerOnly() != null && tiers.contains(GuaranteeTier.ACK);
  }

  public void run(Set<BenchSystem> systems, String rabbitmqUri) {
    run(systems, new External("", "", "", rabbitmqUri));
  }

  /** Runs every system; an external one is measured where it is, not started. */
  public void run(Set<BenchSystem> systems, External external) {
    List<Target> targets = targets(settings, systems, external);
    List<AutoCloseable> started = new ArrayList<>();
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
          if (round > 1 && target.system.equals(IN_MEMORY)) {
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
                  fork.stream().map(ThroughputSuite::label).collect(Collectors.joining("; "))));
          List<Measured> results = fork(fork, round);
          List<String> outcomes = new ArrayList<>();
          for (int i = 0; i < fork.size(); i++) {
            measured.computeIfAbsent(fork.get(i), c -> new ArrayList<>()).add(results.get(i));
            outcomes.add(label(fork.get(i)) + ": " + describe(results.get(i)));
          }
          progress.done(String.join("; ", outcomes));
          for (int i = 0; i < fork.size(); i++) {
            Cell cell = fork.get(i);
            if (cell.vendor() != null) {
              VendorResult tool = vendor(cell, results.get(i), round);
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
        addRows(target, cells, measured, vendor, vendorTool);
        if (target.system.startsWith("kafka") && runsConsumerOnly(settings, tiers)) {
          consumerOnly(target);
        }
      }
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          progress.done("stopping a broker failed: " + firstLine(e));
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
      target.death = "skipped: " + e.getMessage();
    } catch (RuntimeException e) {
      target.death = "failed to start: " + firstLine(e);
    }
  }

  /** A cell as a progress line names it. */
  private static String label(Cell cell) {
    return cell.tier()
        + ", "
        + cell.workload()
        + (cell.check() ? ", window check (window " + cell.window() + ")" : "");
  }

  /**
   * The order in which a round runs one system's cells in its fork. The fork's first trial warms up
   * a cold client JVM, so it is one that no window check is paired with, where the system has one.
   * Each window check then runs right beside the trial it checks (that trial first in odd rounds,
   * the check first in even ones, so that a trend within the fork, such as a broker still warming
   * up, favours neither side of the pair); then the other cells in their order, those a vendor's
   * tool is compared with last, so that the tool follows its trial closely.
   */
  static List<Cell> forkOrder(List<Cell> cells, int round) {
    List<Cell> pairs = new ArrayList<>();
    List<Cell> alone = new ArrayList<>();
    List<Cell> withTool = new ArrayList<>();
    for (Cell cell : cells) {
      if (cell.check()) {
        continue;
      }
      Cell check =
          cells.stream()
              .filter(
                  c ->
                      c.check()
                          && c.workload().equals(cell.workload())
                          && c.tier().equals(cell.tier()))
              .findFirst()
              .orElse(null);
      if (check != null) {
        pairs.addAll(round % 2 == 1 ? List.of(cell, check) : List.of(check, cell));
      } else if (cell.vendor() != null) {
        withTool.add(cell);
      } else {
        alone.add(cell);
      }
    }
    List<Cell> ordered = new ArrayList<>();
    if (!alone.isEmpty()) {
      ordered.add(alone.remove(0));
    }
    ordered.addAll(pairs);
    ordered.addAll(alone);
    ordered.addAll(withTool);
    return ordered;
  }

  /**
   * One round of a system's cells: JMH trials of {@link ThroughputBenchmark}, one after the other
   * in one fork, each on fresh topics with a driver of its own, with the system's broker watched.
   * When the broker dies the fork is stopped at once, its trials fail saying so, and the system's
   * later trials are failed rows that are not run (a broker that died once is not trusted with more
   * figures); the suite goes on with the other systems.
   */
  private List<Measured> fork(List<Cell> cells, int round) {
    List<String> names = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    for (Cell cell : cells) {
      String trial = cell.name() + "-r" + round;
      names.add(trial);
      segments.add(
          new ThroughputBenchmark.Segment(cell.tier(), cell.workload(), cell.window(), trial)
              .encode());
    }
    Cell first = cells.get(0);
    // A 3-node cluster's fork is named apart from its system's single node's in the same round.
    String fork =
        names.size() == 1
            ? names.get(0)
            : first.target().system
                + (first.target().replicated() ? "-replicated" : "")
                + "-fork-r"
                + round;
    Target target = first.target();
    Duration warmup =
        round == 1 && target.broker != null ? settings.brokerWarmup() : settings.forkWarmup();
    return watched(
        first.target(),
        fork,
        first.tier(),
        first.workload(),
        names,
        new OptionsBuilder()
            .include(ThroughputBenchmark.class.getName() + ".send")
            .param("window", Integer.toString(first.window()))
            .param("trialName", names.get(0))
            .param("segments", String.join(";", segments))
            .param("forkWarmupMs", Long.toString(warmup.toMillis()))
            .warmupIterations(0)
            .measurementIterations(settings.iterations() * cells.size())
            .measurementTime(TimeValue.milliseconds(settings.iterationTime().toMillis())));
  }

  /**
   * One JMH fork of {@code trials} (in this order, an equal share of the iterations each) with the
   * system's broker watched; a broker found dead before or during it fails the fork's trials saying
   * so, and the system's later trials with them.
   */
  private List<Measured> watched(
      Target target,
      String fork,
      String tier,
      String workload,
      List<String> trials,
      ChainedOptionsBuilder options) {
    if (RunDirectory.interrupted()) {
      return failedAll(trials, "not run: the run was interrupted");
    }
    if (target.down()) {
      return failedAll(
          trials,
          target.death.startsWith("skipped") || target.death.startsWith("failed to start")
              ? target.death
              : "not run: " + target.death);
    }
    BrokerWatch watch = BrokerWatch.start(target.broker);
    List<Measured> result;
    try {
      result = jmh(target, fork, tier, workload, trials, options);
    } finally {
      watch.close();
    }
    if (watch.brokerDied() || target.down()) {
      target.death = "the broker " + target.broker.name() + " died during fork " + fork;
      return failedAll(
          trials,
          "the broker "
              + target.broker.name()
              + " died during this trial's fork (its process ended); the JMH fork was stopped,"
              + " and the system's remaining trials and tools are not run");
    }
    return result;
  }

  private static List<Measured> failedAll(List<String> trials, String why) {
    return trials.stream().map(trial -> Measured.failed(why)).toList();
  }

  private List<Measured> jmh(
      Target target,
      String fork,
      String tier,
      String workload,
      List<String> trials,
      ChainedOptionsBuilder benchmark) {
    List<String> jvmArgs = new ArrayList<>();
    target.target.forEach((key, value) -> jvmArgs.add("-D" + key + "=" + value));
    jvmArgs.add("-D" + TrialOutput.OUT_PROPERTY + "=" + staging.resolve("trials"));
    jvmArgs.add(
        "-Dbrokerbench.work=" + System.getProperty("brokerbench.work", "target/brokerbench"));
    jvmArgs.add(
        "-D" + ThroughputBenchmark.WARMUP_SLICE_MS + "=" + settings.warmupSlice().toMillis());
    jvmArgs.add("-D" + ThroughputBenchmark.WARMUP_TOLERANCE + "=" + settings.warmupTolerance());
    jvmArgs.add("-D" + ThroughputBenchmark.WARMUP_MAX_MS + "=" + settings.warmupMax().toMillis());
    ChainedOptionsBuilder options =
        benchmark
            .param("system", target.system)
            .param("tier", tier)
            .param("workload", workload)
            .forks(1)
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .resultFormat(ResultFormatType.JSON)
            .result(staging.resolve("jmh").resolve(fork + ".json").toString());
    try {
      java.nio.file.Files.createDirectories(staging.resolve("jmh"));
      RunResult result = new Runner(options.build()).runSingle();
      List<Double> delivered = new ArrayList<>();
      List<Double> sent = new ArrayList<>();
      for (BenchmarkResult benchmarkResult : result.getBenchmarkResults()) {
        for (IterationResult iteration : benchmarkResult.getIterationResults()) {
          Result<?> one = iteration.getSecondaryResults().get("delivered");
          delivered.add(one == null ? 0 : one.getScore());
          sent.add(iteration.getPrimaryResult().getScore());
        }
      }
      if (delivered.size() % trials.size() != 0) {
        return failedAll(
            trials,
            "the fork returned "
                + delivered.size()
                + " iterations, not an equal share for each of its "
                + trials.size()
                + " trials");
      }
      int each = delivered.size() / trials.size();
      List<Measured> measured = new ArrayList<>();
      for (int i = 0; i < trials.size(); i++) {
        List<Double> own = delivered.subList(i * each, (i + 1) * each);
        TrialOutput.Summary summary = TrialOutput.summary(staging.resolve("trials"), trials.get(i));
        measured.add(
            new Measured(
                mean(own),
                mean(sent.subList(i * each, (i + 1) * each)),
                List.copyOf(own),
                summary.connections(),
                summary.meanLatencyUs(),
                summary.windowWaitShare(),
                summary.warmupSettled(),
                null));
      }
      return measured;
    } catch (Exception e) {
      return failedAll(trials, firstLine(e));
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** The vendor's tool of {@code cell}, right after brokerbench's trial in the same round. */
  private VendorResult vendor(Cell cell, Measured ours, int round) {
    Target target = cell.target();
    String name =
        switch (cell.vendor()) {
          case PERF_TEST -> "RabbitMQ PerfTest, " + cell.tier();
          case PRODUCER_PERFORMANCE ->
              "Kafka's ProducerPerformance, acks=" + (cell.tier().equals("ack") ? "1" : "all");
          case JEROMQ_LOOP -> "plain jeromq PUSH/PULL loop";
        };
    progress.step(
        String.format("round %d/%d: %s: %s", round, settings.rounds(), target.system, name));
    if (RunDirectory.interrupted()) {
      progress.done(name + " not run: the run was interrupted");
      return null;
    }
    if (target.down()) {
      progress.done(name + " not run: " + target.death);
      return null;
    }
    try {
      VendorResult result =
          switch (cell.vendor()) {
            case PERF_TEST ->
                RabbitPerfTest.run(
                    target.target.get(Targets.RABBITMQ_URI),
                    cell.tier(),
                    1024,
                    settings.warmup(),
                    settings.measurement(),
                    // PerfTest's outstanding-confirm window, the same as our driver's.
                    RabbitMqConfig.DEFAULT_MAX_UNCONFIRMED);
            case PRODUCER_PERFORMANCE ->
                producerPerformance(
                    target.target.get(Targets.KAFKA_BOOTSTRAP),
                    cell.tier().equals("ack") ? "1" : "all",
                    round,
                    ours.perSec());
            case JEROMQ_LOOP -> JeromqLoop.run(settings.vendorRecords(), 1024);
          };
      progress.done(
          String.format("%s: %,.0f msg/s", result.tool(), result.msgPerSec())
              + (ours.failure() == null && result.msgPerSec() > 0
                  ? String.format(
                      " · brokerbench/vendor = %.2f", ours.perSec() / result.msgPerSec())
                  : ""));
      return result;
    } catch (Exception e) {
      progress.done(name + " FAILED: " + firstLine(e));
      return null;
    }
  }

  /**
   * One run of ProducerPerformance on a topic of its own, sized to last about as long as a trial's
   * warm-up and measurement at {@code expectedPerSec}.
   */
  private VendorResult producerPerformance(
      String bootstrap, String acks, int round, double expectedPerSec) throws Exception {
    String topic = "brokerbench-vendor-acks-" + acks + "-round-" + round;
    KafkaRoundTrip.createTopic(bootstrap, topic, 1, (short) 1);
    // Its first 5-second window holds its warm-up and is discarded.
    long seconds = settings.warmup().plus(settings.measurement()).toSeconds() + 5;
    int records =
        (int) Math.min(10_000_000, Math.max(settings.vendorRecords(), expectedPerSec * seconds));
    VendorResult vendor = KafkaProducerPerformance.run(bootstrap, topic, records, 1024, acks);
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.<String, Object>of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
      admin.deleteTopics(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    return vendor;
  }

  /**
   * The target's rows, in tier order per workload: each offered cell's rounds folded into one row,
   * judged by its workload's window check, with its vendor's figures; a tier the system does not
   * offer is a row that says so.
   */
  private void addRows(
      Target target,
      List<Cell> cells,
      Map<Cell, List<Measured>> measured,
      Map<Cell, List<Double>> vendor,
      Map<Cell, String> vendorTool) {
    List<Cell> own = cells.stream().filter(cell -> cell.target() == target).toList();
    if (own.isEmpty() && target.death != null) {
      String status = target.death.startsWith("skipped") ? "skipped" : "failed";
      rows.add(
          ThroughputRow.notOk(target.system, target.mode, "all", "all", 0, status, target.death));
      return;
    }
    List<String> withProducerOnly = new ArrayList<>(workloads(settings, target));
    if (own.stream().anyMatch(cell -> cell.workload().equals(PRODUCER_ONLY))) {
      withProducerOnly.add(PRODUCER_ONLY);
    }
    for (String workload : withProducerOnly) {
      Cell checkCell =
          own.stream()
              .filter(cell -> cell.check() && cell.workload().equals(workload))
              .findFirst()
              .orElse(null);
      ThroughputRow.WindowCheck check = null;
      if (checkCell != null) {
        Cell base =
            own.stream()
                .filter(
                    cell ->
                        !cell.check()
                            && cell.workload().equals(workload)
                            && cell.tier().equals(checkCell.tier()))
                .findFirst()
                .orElseThrow();
        check = windowCheck(measured.get(base), measured.get(checkCell), checkCell.window());
      }
      for (GuaranteeTier tier : GuaranteeTier.values()) {
        if (!tiers.contains(tier) && !target.system.equals(IN_MEMORY) || !rowed(target, tier)) {
          continue;
        }
        Cell cell =
            own.stream()
                .filter(
                    c -> !c.check() && c.workload().equals(workload) && c.tier().equals(tier.key()))
                .findFirst()
                .orElse(null);
        if (cell == null) {
          if (!workload.equals(PRODUCER_ONLY) && !target.system.equals(IN_MEMORY)) {
            rows.add(
                ThroughputRow.notOk(
                    target.system,
                    target.mode,
                    tier.key(),
                    workload,
                    bytes(workload),
                    "not offered",
                    target.system + " has no " + tier.key() + " guarantee"));
          }
          continue;
        }
        ThroughputRow row = fold(cell, measured.get(cell));
        if (row.ok() && check != null) {
          row = row.checkedBy(check, checkCell.tier().equals(cell.tier()));
        }
        if (row.ok() && vendor.containsKey(cell) && vendorTool.containsKey(cell)) {
          row = row.withVendor(vendorTool.get(cell), vendor.get(cell));
        }
        rows.add(row);
      }
    }
  }

  /**
   * Whether {@code target} has a row at {@code tier} when it offers it or not: a 3-node cluster at
   * tier replicated only, a single node at the single-node tiers, and at tier replicated only where
   * the profile runs that tier and the system has no 3-node set-up of its own (ZeroMQ's "not
   * offered").
   */
  private boolean rowed(Target target, GuaranteeTier tier) {
    if (target.replicated()) {
      return tier == GuaranteeTier.REPLICATED;
    }
    return tier != GuaranteeTier.REPLICATED
        || settings.replicated()
            && Targets.REPLICATED_MODES.keySet().stream()
                .noneMatch(system -> system.label().equals(target.system));
  }

  /** A cell's rounds as one row; a round that failed fails the row with its reason. */
  private ThroughputRow fold(Cell cell, List<Measured> rounds) {
    Target target = cell.target();
    int bytes = bytes(cell.workload());
    for (Measured round : rounds) {
      if (round.failure() != null) {
        String status = round.failure().startsWith("skipped") ? "skipped" : "failed";
        return ThroughputRow.notOk(
            target.system,
            target.mode,
            cell.tier(),
            cell.workload(),
            bytes,
            status,
            round.failure());
      }
    }
    List<Double> perRound = rounds.stream().map(Measured::perSec).toList();
    double mean = perRound.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    List<List<Double>> iterations = rounds.stream().map(Measured::iterations).toList();
    double min =
        iterations.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(0);
    double max =
        iterations.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
    double error =
        perRound.size() > 1
            ? (Collections.max(perRound) - Collections.min(perRound)) / 2
            : (max - min) / 2;
    boolean unsettled = unsettled(rounds, settings.settledSpread());
    double inFlight =
        rounds.stream().mapToDouble(r -> r.perSec() * r.meanLatencyUs() / 1e6).average().orElse(0);
    return new ThroughputRow(
        target.system,
        target.mode,
        cell.tier(),
        cell.workload(),
        bytes,
        "ok",
        "",
        mean,
        mean * bytes / (1 << 20),
        error,
        min,
        max,
        rounds.stream().mapToDouble(Measured::sentPerSec).average().orElse(0),
        rounds.stream().mapToInt(Measured::connections).max().orElse(0),
        perRound,
        iterations,
        unsettled,
        false,
        cell.window(),
        inFlight,
        rounds.stream().mapToDouble(Measured::meanLatencyUs).average().orElse(0),
        rounds.stream().mapToDouble(Measured::windowWaitShare).average().orElse(0),
        null,
        "",
        0,
        List.of(),
        0,
        0,
        0,
        TrialOutput.trialName(target.system, cell.tier(), cell.workload()));
  }

  /**
   * Whether a cell's measurement drifted: in every round its iterations moved the same way (all
   * climbing, or all falling) by more than {@code bound} of their mean. A trial still warming up,
   * or a broker filling up, drifts the same way each time; the machine's noise moves a round's
   * iterations either way and shows in the spread of the rounds, which the verdicts use already.
   * With one round (smoke) a single drift beyond the bound counts.
   */
  static boolean unsettled(List<Measured> rounds, double bound) {
    boolean climbing = !rounds.isEmpty();
    boolean falling = !rounds.isEmpty();
    for (Measured round : rounds) {
      climbing &= round.drift() > bound;
      falling &= round.drift() < -bound;
    }
    return climbing || falling;
  }

  /**
   * The window check from the rounds of the trial at the normal window and at the larger one, which
   * ran as a pair in each round (side by side in one fork): the mean of the pairs' ratios, and its
   * interval from the lowest to the highest pair. A pair sees one broker and client state, so a
   * system that speeds up or slows down over the run moves both sides of it alike; a ratio of the
   * rounds' means would not pair them. Null when either failed in any round.
   */
  static ThroughputRow.WindowCheck windowCheck(
      List<Measured> base, List<Measured> larger, int largerWindow) {
    if (base == null
        || larger == null
        || base.isEmpty()
        || base.size() != larger.size()
        || base.stream().anyMatch(m -> m.failure() != null)
        || larger.stream().anyMatch(m -> m.failure() != null)) {
      return null;
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      if (base.get(i).perSec() <= 0) {
        return null;
      }
      ratios.add(larger.get(i).perSec() / base.get(i).perSec());
    }
    return new ThroughputRow.WindowCheck(
        largerWindow,
        mean(larger.stream().map(Measured::perSec).toList()),
        mean(ratios),
        Collections.min(ratios),
        Collections.max(ratios),
        WINDOW_BINDS_ABOVE);
  }

  /**
   * brokerbench's Kafka consumer alone against Kafka's ConsumerPerformance, each reading a topic of
   * its own filled beforehand the same way, at tier {@code ack} only: a consumer reads the same log
   * whatever {@code acks} its producer used, so the other tiers would repeat the figure.
   * ConsumerPerformance runs once, after brokerbench's trial, on a broker that trial warmed up.
   */
  private void consumerOnly(Target target) {
    ConsumerOnly sizes = settings.consumerOnly();
    progress.step(
        String.format(
            "%s ack, %s (%,d messages, %d passes)",
            target.system, CONSUMER_ONLY, sizes.messages(), sizes.passes()));
    ThroughputRow ours = consumerTrial(target);
    progress.done(ours.ok() ? String.format("%,.0f msg/s read", ours.msgPerSec()) : ours.reason());
    long vendorMessages = sizes.vendorMessages();
    progress.step(
        String.format(
            "%s: Kafka's ConsumerPerformance, %,d messages", target.system, vendorMessages));
    if (target.down()) {
      progress.done("ConsumerPerformance not run: " + target.death);
      rows.add(ours);
      return;
    }
    try {
      VendorResult vendor =
          consumerPerformance(
              target.system,
              target.target,
              target.target.get(Targets.KAFKA_BOOTSTRAP),
              vendorMessages);
      if (ours.ok()) {
        ours = ours.withVendor(vendor.tool(), List.of(vendor.msgPerSec()));
      }
      progress.done(String.format("%s: %,.0f msg/s", vendor.tool(), vendor.msgPerSec()));
    } catch (Exception e) {
      progress.done("ConsumerPerformance FAILED: " + firstLine(e));
    }
    rows.add(ours);
  }

  /**
   * One JMH trial of {@link ConsumerOnlyBenchmark}: an iteration is one pass over the backlog, so
   * its time is set far below a pass and JMH ends each iteration when its one pass is done.
   */
  private ThroughputRow consumerTrial(Target target) {
    ConsumerOnly sizes = settings.consumerOnly();
    Cell cell =
        new Cell(target, "ack", CONSUMER_ONLY, ThroughputBenchmark.window(1024), false, null);
    Measured result =
        watched(
                target,
                cell.name(),
                cell.tier(),
                cell.workload(),
                List.of(cell.name()),
                new OptionsBuilder()
                    .include(ConsumerOnlyBenchmark.class.getName() + ".read")
                    .param("backlog", Long.toString(sizes.messages()))
                    .warmupIterations(sizes.warmupPasses())
                    .warmupTime(TimeValue.milliseconds(1))
                    .measurementIterations(sizes.passes())
                    .measurementTime(TimeValue.milliseconds(1)))
            .get(0);
    if (result.failure() == null) {
      // Nothing is sent while the consumer reads: JMH's primary score counts passes.
      result =
          new Measured(
              result.perSec(), 0, result.iterations(), 0, 0, 0, result.warmupSettled(), null);
    }
    return fold(cell, List.of(result));
  }

  private static String describe(Measured result) {
    if (result.failure() != null) {
      return "FAILED: " + result.failure();
    }
    return String.format(
        "%,.0f msg/s delivered (iterations %s)%s",
        result.perSec(),
        result.iterations().stream()
            .map(value -> String.format("%,.0f", value))
            .collect(Collectors.joining(", ")),
        result.warmupSettled() ? "" : "; warm-up did not settle");
  }

  /** Fills a topic of its own through brokerbench's producer, then lets the tool read it. */
  private static VendorResult consumerPerformance(
      String system, Map<String, String> target, String bootstrap, long messages) throws Exception {
    Workload workload =
        WorkloadLoader.loadResource("workloads/" + CONSUMER_ONLY + ".yaml").workload();
    Topology topology = Topology.of("brokerbench-vendor-consumer-" + System.nanoTime(), workload);
    // Closing the driver deletes the topic.
    try (BrokerDriver driver = Targets.driver(system, target)) {
      Backlog.fill(driver, topology, GuaranteeTier.ACK, messages, workload.messageSize());
      return KafkaConsumerPerformance.run(bootstrap, topology.topicName(0), messages);
    }
  }

  /**
   * The first line of the innermost cause; JMH reports a fork's failure as a suppressed exception
   * of its own "Benchmark error during the run".
   */
  static String firstLine(Throwable e) {
    Throwable root = e;
    while (true) {
      if (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      } else if (root.getSuppressed().length > 0) {
        root = root.getSuppressed()[0];
      } else {
        break;
      }
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
