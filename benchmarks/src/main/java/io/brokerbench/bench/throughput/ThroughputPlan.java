package io.brokerbench.bench.throughput;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.Targets;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.throughput.VendorTools.Tool;
import io.brokerbench.brokers.Broker;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the throughput suite runs, decided before any broker starts: the workloads it names, each
 * system as it measures it ({@link Target}), and each system's trials of a round ({@link Cell}) in
 * the order its fork runs them. Apart from the run loop so that the plan reads, and is tested,
 * without running anything; {@link ThroughputSuite#steps} counts its forks from it.
 */
final class ThroughputPlan {
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
   * The in-flight window of the check is this many times the trial's: if the system then delivers
   * more than {@link RowFolder#WINDOW_BINDS_ABOVE} times as much, the harness's window, not the
   * system, limited the trial.
   */
  static final int WINDOW_CHECK_FACTOR = 4;

  private ThroughputPlan() {}

  /**
   * A system as the suite measures it: its label, how it ran, the driver's target, the broker the
   * suite starts for it and watches during its trials (none for the in-memory driver, ZeroMQ and
   * external brokers), and the tiers it offers: a single node's, or tier replicated alone on a
   * 3-node cluster.
   */
  static final class Target {
    /** The system in the registry: what the suite branches on. */
    final SystemUnderTest underTest;

    /** Its label, as rows, trial names and JMH's {@code system} parameter spell it. */
    final String system;

    final String mode;
    final Map<String, String> target = new HashMap<>();
    final Set<GuaranteeTier> offered;
    final String bootstrap;
    final String uri;
    final Supplier<Broker> starts;
    Broker broker;

    /** Why the system serves no more trials (its broker died, or never started), or null. */
    String death;

    /** What its rows say once it is dead: skipped when its broker is not available here. */
    Status deathStatus = Status.FAILED;

    /** Whether it died before any trial, its broker never started: its trials say just why. */
    boolean diedAtStart;

    /** {@code starts} makes the broker the suite starts for it; null where it starts none. */
    Target(
        SystemUnderTest underTest,
        String mode,
        Map<String, String> target,
        Set<GuaranteeTier> offered,
        String bootstrap,
        String uri,
        Supplier<Broker> starts) {
      this.underTest = underTest;
      this.system = underTest.label();
      this.mode = mode;
      this.target.putAll(target);
      this.offered = offered;
      this.bootstrap = bootstrap;
      this.uri = uri;
      this.starts = starts;
    }

    /** Its broker did not start: {@code status} skipped (not available here) or failed. */
    void neverStarted(Status status, String why) {
      death = why;
      deathStatus = status;
      diedAtStart = true;
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

  /**
   * The systems to measure, in the order each round runs them: the in-memory ceiling first (the
   * harness's own ceiling, measured in the first round only: it is no system a verdict compares, so
   * the machine's drift between rounds is not its concern). Kafka runs where the profile measures
   * its mode or the user named a cluster of their own.
   */
  static List<Target> targets(
      ThroughputSettings settings, Set<BenchSystem> systems, External external) {
    List<Target> targets = new ArrayList<>();
    targets.add(
        new Target(
            SystemUnderTest.IN_MEMORY,
            "in process",
            Map.of(),
            EnumSet.of(GuaranteeTier.ACK),
            "",
            "",
            null));
    for (BenchSystem system : systems) {
      SystemUnderTest underTest = system.underTest();
      Set<GuaranteeTier> single = underTest.singleNodeTiers();
      switch (system) {
        case KAFKA_KRAFT, KAFKA_ZOOKEEPER -> {
          String bootstrap = external.of(system);
          if (!bootstrap.isEmpty()) {
            targets.add(
                new Target(
                    underTest,
                    "external, " + bootstrap,
                    kafkaTarget(bootstrap),
                    single,
                    bootstrap,
                    "",
                    null));
          } else if (settings.kafkaModes().contains(system)) {
            targets.add(startedSingleNode(underTest, single));
          }
        }
        case RABBITMQ -> {
          String uri = external.rabbitmq();
          targets.add(
              new Target(
                  underTest,
                  uri.isEmpty() ? underTest.singleNodeSetUp().orElseThrow() : "external",
                  uri.isEmpty() ? Map.of() : Map.of(Targets.RABBITMQ_URI, uri),
                  single,
                  "",
                  uri,
                  uri.isEmpty() ? () -> underTest.broker(false).orElseThrow() : null));
        }
        case KAFKA_4, RABBITMQ_STREAM -> targets.add(startedSingleNode(underTest, single));
        case ZEROMQ -> {
          targets.add(
              new Target(
                  underTest,
                  "brokerless mesh (PUSH/PULL; PUB/SUB for several subscriptions)",
                  Map.of(),
                  single,
                  "",
                  "",
                  null));
          if (settings.zeromqProxy()) {
            // The same workloads through one XSUB/XPUB proxy per topic: M + N connections.
            targets.add(
                new Target(
                    SystemUnderTest.ZEROMQ_PROXY,
                    "XSUB/XPUB proxy, PUB/SUB",
                    Map.of(),
                    SystemUnderTest.ZEROMQ_PROXY.singleNodeTiers(),
                    "",
                    "",
                    null));
          }
        }
      }
    }
    if (settings.replicated()) {
      for (BenchSystem system : systems) {
        if (system.underTest().replicatedSetUp().isPresent() && !external.isExternal(system)) {
          targets.add(
              new Target(
                  system.underTest(),
                  system.underTest().replicatedSetUp().orElseThrow(),
                  Map.of(),
                  EnumSet.of(GuaranteeTier.REPLICATED),
                  "",
                  "",
                  () -> system.underTest().broker(true).orElseThrow()));
        }
      }
    }
    return targets;
  }

  /** {@code underTest}'s single node, which the suite starts. */
  private static Target startedSingleNode(SystemUnderTest underTest, Set<GuaranteeTier> single) {
    return new Target(
        underTest,
        underTest.singleNodeSetUp().orElseThrow(),
        Map.of(),
        single,
        "",
        "",
        () -> underTest.broker(false).orElseThrow());
  }

  private static Map<String, String> kafkaTarget(String bootstrap) {
    return Map.of(Targets.KAFKA_BOOTSTRAP, bootstrap, Targets.KAFKA_BROKERS, "1");
  }

  /**
   * A target's cells in the order a round runs them: each offered tier of each workload; the window
   * check of each workload at the target's first offered tier; the producer alone at each parity
   * tier (Kafka); a vendor's tool after the trial it is compared with.
   */
  static List<Cell> cells(ThroughputSettings settings, Set<GuaranteeTier> chosen, Target target) {
    List<Cell> cells = new ArrayList<>();
    boolean inMemory = target.underTest == SystemUnderTest.IN_MEMORY;
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
    boolean kafka = target.underTest.family() == Family.KAFKA && !target.replicated();
    for (String workload : workloads) {
      int window = ThroughputBenchmark.window(bytes(workload));
      for (GuaranteeTier tier : run) {
        Tool vendor = null;
        if (workload.equals(BASELINE) && parity(settings, chosen, tier) && !target.replicated()) {
          if (target.underTest == SystemUnderTest.RABBITMQ) {
            vendor = Tool.PERF_TEST;
          } else if (target.underTest == SystemUnderTest.ZEROMQ) {
            vendor = Tool.JEROMQ_LOOP;
          }
        }
        if (target.underTest == SystemUnderTest.ZEROMQ && workload.equals(BASELINE)) {
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
  static List<String> workloads(ThroughputSettings settings, Target target) {
    return target.underTest == SystemUnderTest.IN_MEMORY || target.replicated()
        ? List.of(BASELINE)
        : settings.workloads();
  }

  static int bytes(String workload) {
    return WorkloadLoader.loadReference(workload).workload().messageSize();
  }

  /** Whether the vendors' tools run at {@code tier}: the run measures it and the profile asks. */
  private static boolean parity(
      ThroughputSettings settings, Set<GuaranteeTier> tiers, GuaranteeTier tier) {
    return tiers.contains(tier) && settings.parityTiers().contains(tier);
  }

  /** Whether the consumer-only comparison runs: at tier ack, where the profile has one. */
  static boolean runsConsumerOnly(ThroughputSettings settings, Set<GuaranteeTier> tiers) {
    return settings.consumerOnly() != null && tiers.contains(GuaranteeTier.ACK);
  }

  /** A cell as a progress line names it. */
  static String label(Cell cell) {
    return cell.tier()
        + ", "
        + WorkloadLoader.label(cell.workload())
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

  /** Progress steps for {@code systems} at {@code tiers}: each fork and tool once per round. */
  static int steps(
      ThroughputSettings settings, Set<BenchSystem> systems, Set<GuaranteeTier> tiers) {
    int forks = 0;
    for (Target target : targets(settings, systems, new External("", "", "", ""))) {
      List<Cell> own = cells(settings, tiers, target);
      int perRound =
          (own.isEmpty() ? 0 : 1)
              + (int) own.stream().filter(cell -> cell.vendor() != null).count();
      forks +=
          target.underTest == SystemUnderTest.IN_MEMORY ? perRound : settings.rounds() * perRound;
    }
    int consumerOnly = 0;
    for (BenchSystem system : systems) {
      if (system.underTest().family() == Family.KAFKA && settings.kafkaModes().contains(system)) {
        consumerOnly += runsConsumerOnly(settings, tiers) ? 2 : 0;
      }
    }
    return forks + consumerOnly;
  }
}
