package io.brokerbench.bench.footprint;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.Profile;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.Broker;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The footprint suite (claims K6 "operational difficulty", R3 "needs the Erlang runtime", Z5 "needs
 * no broker"): each setup is started as brokerbench starts it, and what it takes is measured from
 * the outside, never taken from documentation:
 *
 * <ol>
 *   <li>start-to-ready, as the launcher times it (until the setup answers a real request);
 *   <li>after a settle time, the processes of the setup, counted in {@code /proc} (those present in
 *       every idle sample, so a short-lived helper is not counted), and their resident memory;
 *   <li>{@link Settings#messages} messages of {@link Settings#messageBytes} sent at the durable
 *       setting and acknowledged, while the resident memory is sampled ({@link #SAMPLE_INTERVAL});
 *   <li>the disk the setup's data directories take afterwards;
 *   <li>the configuration brokerbench wrote for the setup ({@link ConfigLines});
 *   <li>a clean stop, a check that no process of the setup is left, and its data deleted.
 * </ol>
 *
 * <p>A setup that is not installed is a skipped row; one that fails is a failed row with the
 * reason, and the suite goes on.
 */
public final class FootprintSuite implements Suite {
  /** How often resident memory is sampled while the messages are sent. */
  static final Duration SAMPLE_INTERVAL = Duration.ofMillis(200);

  /** Idle samples during the settle time; a process counts if it is in all of them. */
  static final int IDLE_SAMPLES = 3;

  /**
   * How much a profile sends.
   *
   * @param messages messages sent to each setup, at least 1
   * @param messageBytes bytes per message (the claim's 1 KiB)
   * @param settle how long a ready setup is left alone before its idle memory is read: a JVM or an
   *     Erlang VM is still busy for a moment after it first answers
   */
  public record Settings(long messages, int messageBytes, Duration settle) {
    public Settings {
      if (messages < 1) {
        throw new IllegalArgumentException(
            "footprint messages: must be 1 or more, was " + messages);
      }
      if (messageBytes < 8) {
        throw new IllegalArgumentException(
            "footprint messageBytes: must be 8 or more, was " + messageBytes);
      }
      if (settle.isNegative()) {
        throw new IllegalArgumentException("footprint settle: must not be negative, was " + settle);
      }
    }

    /**
     * smoke: 20,000 messages, so a smoke run stays short; quick and full: the claim's one million
     * (measured to take under three minutes for all four setups together on the 2-core development
     * machine, see the README).
     */
    public static Settings forProfile(Profile profile) {
      return switch (profile) {
        case SMOKE -> new Settings(20_000, 1024, Duration.ofSeconds(2));
        case QUICK, FULL -> new Settings(1_000_000, 1024, Duration.ofSeconds(5));
      };
    }
  }

  private final Settings settings;
  private final RunPlan plan;
  private final Progress progress;
  private final List<FootprintRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();

  /**
   * @param plan the setups measured, one per system; an external one (a user's cluster, or one of
   *     docker-compose.yml) is a skipped row: its processes and disk are not ours to measure
   */
  public FootprintSuite(Settings settings, RunPlan plan, Progress progress) {
    this.settings = settings;
    this.plan = plan;
    this.progress = progress;
  }

  /** The suite of {@code plan}'s profile. */
  public static FootprintSuite of(RunPlan plan, Path staging, Progress progress) {
    return new FootprintSuite(Settings.forProfile(plan.profile()), plan, progress);
  }

  @Override
  public String name() {
    return "footprint";
  }

  @Override
  public int steps() {
    return steps(plan.systems());
  }

  /** Progress steps of a run over {@code systems}: one per setup. */
  public static int steps(Set<BenchSystem> systems) {
    return systems.size();
  }

  /** The reason of a system's row while the suite has no set-up for it. */
  static final String NOT_YET = "the footprint suite has no set-up yet for ";

  /** Measures every setup of the plan's systems. */
  @Override
  public void run() {
    External external = plan.external();
    String rabbitmqUri = external.rabbitmq();
    for (BenchSystem system : plan.systems()) {
      progress.step(
          String.format(
              Locale.ROOT, "footprint %s, %,d messages", system.label(), settings.messages()));
      FootprintRow row;
      if (system == BenchSystem.RABBITMQ_STREAM) {
        row = FootprintRow.skipped(systemOf(system), modeOf(system), NOT_YET + system.label());
      } else if (system == BenchSystem.RABBITMQ && !rabbitmqUri.isEmpty()) {
        row =
            FootprintRow.skipped(
                systemOf(system),
                "classic",
                "an external RabbitMQ (-Drabbitmq.uri) runs outside brokerbench: its processes,"
                    + " memory and disk cannot be measured from here");
      } else if (external.isExternal(system)) {
        row =
            FootprintRow.skipped(
                systemOf(system),
                modeOf(system),
                "an external cluster (-D"
                    + External.property(system)
                    + ") runs outside brokerbench: its processes, memory and disk cannot be"
                    + " measured from here");
      } else {
        row = measure(system);
      }
      rows.add(row);
      progress.done(describe(row));
    }
  }

  @Override
  public List<FootprintRow> rows() {
    return List.copyOf(rows);
  }

  /** What each setup ran: versions, ports, configuration. */
  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** The content of {@code footprint.json}. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "footprint");
    json.put("messages", settings.messages());
    json.put("messageBytes", settings.messageBytes());
    json.put("settleMs", settings.settle().toMillis());
    json.put("sampleIntervalMs", SAMPLE_INTERVAL.toMillis());
    json.put("rows", rows());
    return json;
  }

  /** The REPORT.md section. */
  @Override
  public String report(Path staging) {
    return FootprintTable.markdown(rows);
  }

  FootprintRow measure(BenchSystem system) {
    FootprintSetup setup;
    try {
      setup = FootprintSetup.of(system);
    } catch (BrokerUnavailableException e) {
      return FootprintRow.skipped(systemOf(system), modeOf(system), e.getMessage());
    }
    try {
      return measure(setup);
    } finally {
      Work.deleteCreated();
    }
  }

  /**
   * What marks a process as a broker, a broker's runtime or a metadata store, in its command name
   * or command line: Kafka's main class, ZooKeeper's package, and RabbitMQ's Erlang VM, its port
   * mapper, its helpers and its start script. A setup's other processes (ZeroMQ's peer, an
   * application JVM) match none.
   */
  static final List<String> BROKER_MARKERS =
      List.of(
          "kafka.Kafka",
          "org.apache.zookeeper",
          "beam.smp",
          "epmd",
          "erl_child_setup",
          "inet_gethost",
          "rabbitmq");

  /**
   * How many of {@code procs} are a broker or its metadata store, by their command names and
   * command lines ({@link #BROKER_MARKERS}): the count claim Z5 ("ZeroMQ needs no broker") reads,
   * taken the same way for every setup.
   */
  static int brokerProcesses(List<ProcessTree.Proc> procs, LongFunction<String> commandLine) {
    int brokers = 0;
    for (ProcessTree.Proc proc : procs) {
      String named = proc.command() + " " + commandLine.apply(proc.pid());
      if (BROKER_MARKERS.stream().anyMatch(named::contains)) {
        brokers++;
      }
    }
    return brokers;
  }

  private FootprintRow measure(FootprintSetup setup) {
    Set<Long> seen = new HashSet<>();
    try (Broker broker = setup.broker) {
      broker.start();
      long startToReadyMs = broker.lastStartToReady().toMillis();
      Description description = broker.describe();
      described.add(description);
      List<Long> roots = description.pids();

      // Idle: the processes present in every sample, and their memory at the last one.
      Map<Long, ProcessTree.Proc> stable = null;
      long pause = settings.settle().toMillis() / IDLE_SAMPLES;
      for (int i = 0; i < IDLE_SAMPLES; i++) {
        Thread.sleep(pause);
        Map<Long, ProcessTree.Proc> sample = new LinkedHashMap<>();
        ProcessTree.of(roots).forEach(proc -> sample.put(proc.pid(), proc));
        seen.addAll(sample.keySet());
        if (stable == null) {
          stable = sample;
        } else {
          stable.keySet().retainAll(sample.keySet());
          stable.replaceAll((pid, old) -> sample.get(pid));
        }
      }
      List<ProcessTree.Proc> idle = new ArrayList<>(stable.values());
      long idleRss = ProcessTree.rssBytes(idle);

      long acknowledged;
      long loadMs;
      long loadedRss;
      try (RssSampler sampler = RssSampler.start(roots, SAMPLE_INTERVAL)) {
        long begin = System.nanoTime();
        acknowledged = setup.send(settings.messages(), settings.messageBytes());
        loadMs = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        loadedRss = sampler.sampleNowAndMax();
        seen.addAll(sampler.seenPids());
      }
      DiskUsage disk = DiskUsage.of(setup.dataDirs());
      ConfigLines config = setup.config();

      broker.stop();
      List<ProcessTree.Proc> left =
          ProcessTree.scan().stream().filter(proc -> seen.contains(proc.pid())).toList();
      String reason = "";
      Status status = Status.OK;
      if (!left.isEmpty()) {
        status = Status.FAILED;
        reason = "processes left running after the stop: " + left;
      } else if (acknowledged < settings.messages()) {
        status = Status.FAILED;
        reason =
            acknowledged
                + " of "
                + settings.messages()
                + " messages acknowledged; the disk figure is for those";
      }
      return new FootprintRow(
          systemOf(setup.system),
          modeOf(setup.system),
          status,
          reason,
          idle.size(),
          idle.stream().map(ProcessTree.Proc::command).toList(),
          brokerProcesses(idle, ProcessTree::commandLine),
          startToReadyMs,
          idleRss,
          loadedRss,
          settings.messages(),
          settings.messageBytes(),
          acknowledged,
          loadMs,
          disk.allocatedBytes(),
          disk.apparentBytes(),
          config.total(),
          config.files(),
          config.environment(),
          config.arguments(),
          config.sources());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FootprintRow.failed(
          systemOf(setup.system), modeOf(setup.system), "interrupted while measuring");
    } catch (Exception e) {
      String message =
          e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
      return FootprintRow.failed(
          systemOf(setup.system), modeOf(setup.system), e.getClass().getSimpleName() + message);
    }
  }

  /** A footprint row's system is the family: the mode tells Kafka's two apart. */
  static String systemOf(BenchSystem system) {
    return system.underTest().family().label();
  }

  static String modeOf(BenchSystem system) {
    return switch (system) {
      case KAFKA_KRAFT -> "kraft";
      case KAFKA_4 -> "kraft, Kafka 4";
      case KAFKA_ZOOKEEPER -> "zookeeper";
      case RABBITMQ -> "classic";
      case RABBITMQ_STREAM -> "streams";
      case ZEROMQ -> "brokerless";
    };
  }

  private static String describe(FootprintRow row) {
    if (!row.ok() && row.processes() == 0) {
      return row.status().label().toUpperCase(Locale.ROOT) + ": " + row.reason();
    }
    String figures =
        String.format(
            "%d processes %s, ready in %,d ms, RSS %s idle / %s loaded, %,d of %,d messages"
                + " acknowledged in %,d ms, disk %s, %d config lines",
            row.processes(),
            row.processNames(),
            row.startToReadyMs(),
            FootprintTable.bytes(row.idleRssBytes()),
            FootprintTable.bytes(row.loadedRssBytes()),
            row.acknowledged(),
            row.messages(),
            row.loadMs(),
            FootprintTable.bytes(row.diskBytesAfterMillion()),
            row.configLines());
    return row.ok() ? figures : "FAILED: " + row.reason() + " (" + figures + ")";
  }
}
