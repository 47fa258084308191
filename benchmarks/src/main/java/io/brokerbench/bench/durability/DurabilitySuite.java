package io.brokerbench.bench.durability;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Errors;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.durability.DurabilityRow.Scenario;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaClusterSpec;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.rabbitmq.RabbitCluster;
import io.brokerbench.brokers.rabbitmq.RabbitClusterSpec;
import io.brokerbench.brokers.rabbitmq.RabbitConsumerPeer;
import io.brokerbench.brokers.rabbitmq.RabbitNode;
import io.brokerbench.harness.driver.kafka.KafkaDriver;
import io.brokerbench.harness.driver.kafka.KafkaDriverConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqConfig;
import io.brokerbench.harness.driver.rabbitmq.RabbitMqDriver;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Durability under faults: a crash ledger ({@link CrashTrial}, {@link io.brokerbench.harness
 * .measure.Ledger}) for every system and tier the profile names, each fault injected by the
 * launchers on real brokers. The evidence for claims K2 (Kafka is durable), Z2 (ZeroMQ has no
 * message durability) and Z3 (ZeroMQ is not reliable delivery-wise).
 *
 * <p>Every system is exposed alike, so that a loss can show where a tier allows one: the fault
 * comes at the same count of acknowledged (ZeroMQ: accepted) messages, {@link
 * Settings#faultAtMessages}; the live consumer pauses {@link Settings#backlogMessages} before it,
 * so that about as many are at risk; where the fault takes the only broker the producer stops at
 * the fault and resumes once the broker answers again; and after the recovery a fresh consumer
 * reads the partition from offset 0 or the queue from its head, which settles the ledger.
 *
 * <p>What a SIGKILL does not do: it does not lose what the operating system's page cache holds,
 * since the kernel writes it out after the process is gone; a power loss, which would, is not
 * simulated. So "durable" here means "survives the crash of the broker process", and a tier that
 * acknowledges before an fsync (Kafka's default, RabbitMQ's transient messages) can look as good as
 * one that waits for it. The report says so beside the table.
 */
public final class DurabilitySuite {

  private static final String KAFKA_SINGLE = "1 broker (KRaft)";
  private static final String KAFKA_CLUSTER =
      "3 brokers (KRaft, 3 controllers), replication 3, min.insync.replicas 2 at tier replicated";
  private static final String RABBIT_SINGLE = "1 node, classic queues";

  private final DurabilitySettings settings;
  private final Progress progress;
  private final List<DurabilityRow> rows = new ArrayList<>();
  private final List<SyncRow> syncRows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private int trials;

  public DurabilitySuite(DurabilitySettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Progress steps the suite will announce for {@code systems}. */
  public static int steps(DurabilitySettings settings, Set<BenchSystem> systems) {
    int steps = 0;
    int clusterTiers =
        (settings.runs(GuaranteeTier.ACK) ? 1 : 0)
            + (settings.runs(GuaranteeTier.REPLICATED) ? 1 : 0);
    int durable = settings.runs(GuaranteeTier.DURABLE) ? 1 : 0;
    int replicated = settings.runs(GuaranteeTier.REPLICATED) ? 1 : 0;
    int syncCount = settings.singleNodeExtras() && !settings.tiers().isEmpty() ? 1 : 0;
    if (systems.contains(BenchSystem.KAFKA_KRAFT)) {
      steps += settings.tiers().size() + syncCount + (settings.clusters() ? clusterTiers : 0);
      steps += settings.extras() ? durable + clusterTiers : 0;
    }
    if (systems.contains(BenchSystem.RABBITMQ)) {
      steps += settings.tiers().size() + syncCount;
      steps += settings.singleNodeExtras() ? CONSUMER_ACKS.size() * durable : 0;
      steps += settings.extras() ? durable : 0;
      steps += settings.clusters() ? replicated : 0;
    }
    if (systems.contains(BenchSystem.ZEROMQ) && settings.runs(GuaranteeTier.NONE)) {
      steps += 3;
    }
    return steps;
  }

  public void run(Set<BenchSystem> systems) {
    run(systems, External.NONE);
  }

  /**
   * Runs the scenarios of {@code systems}; an external system is skipped with one row that says
   * why: a fault needs brokerbench to kill and restart the broker's processes.
   */
  public void run(Set<BenchSystem> systems, External external) {
    for (BenchSystem system : systems) {
      if (external.isExternal(system)) {
        Scenario scenario = new Scenario(system.label(), "external", "all", "all faults", 0);
        progress.step("durability: " + scenario);
        String reason = External.needsProcessControl(system, "a crash ledger");
        rows.add(DurabilityRow.notMeasured(scenario, DurabilityRow.SKIPPED, reason));
        progress.done("SKIPPED: " + reason);
      }
    }
    if (systems.contains(BenchSystem.KAFKA_KRAFT)
        && !external.isExternal(BenchSystem.KAFKA_KRAFT)) {
      kafkaSingle();
      if (settings.clusters()) {
        kafkaCluster(false);
      }
      if (settings.extras()) {
        kafkaCluster(true);
      }
    }
    if (systems.contains(BenchSystem.RABBITMQ) && !external.isExternal(BenchSystem.RABBITMQ)) {
      rabbitSingle();
      if (settings.clusters()) {
        rabbitQuorum();
      }
    }
    if (systems.contains(BenchSystem.ZEROMQ)) {
      zeroMq();
    }
  }

  // --- Kafka ----------------------------------------------------------------------------------

  /**
   * Producer settings for a trial through an outage, each against the client's default: a send that
   * cannot be delivered fails within 60 s instead of 2 minutes ({@code delivery.timeout.ms}), so
   * that every send is settled before the trial ends, yet later than a single broker's SIGKILL and
   * restart takes on a busy 2-core machine (14 to 22 s seen): a batch in flight at the kill is
   * retried to the restarted broker instead of expiring (and, with idempotence, failing the batches
   * behind it); a request waits 5 s for a dead broker instead of 30 s ({@code request.timeout.ms});
   * a batch may hold 256 KiB instead of 16 KiB ({@code batch.size}): at tier durable the leader
   * fsyncs once per batch it appends, one partition's appends go one at a time, and with 16 KiB
   * batches (16 messages of 1 KiB) the acknowledgements fell to about 400 msg/s on the shared
   * machine, far behind the trial's rate, so the fault came late and nothing was at risk.
   */
  static final Map<String, String> KAFKA_PRODUCER_THROUGH_OUTAGE =
      Map.of("delivery.timeout.ms", "60000", "request.timeout.ms", "5000", "batch.size", "262144");

  void kafkaSingle() {
    List<Planned> scenarios =
        singleNodeScenarios(BenchSystem.KAFKA_KRAFT, KAFKA_SINGLE, new Fault.Kill("broker"));
    if (scenarios.isEmpty()) {
      return;
    }
    try (KafkaCluster kafka = new KafkaCluster(KafkaClusterSpec.single(KafkaMode.KRAFT))) {
      kafka.start();
      described.add(kafka.describe());
      KafkaDriverConfig config =
          KafkaDriverConfig.single(kafka.bootstrapServers())
              .withProducerOverrides(KAFKA_PRODUCER_THROUGH_OUTAGE);
      countSyncCalls(
          BenchSystem.KAFKA_KRAFT,
          KAFKA_SINGLE,
          kafka.nodes().get(0),
          tier ->
              new CrashTrial(
                  trialId("kafka-sync", tier),
                  tier,
                  () -> new KafkaDriver(config),
                  true,
                  settings.syncRun()));
      for (Planned planned : scenarios) {
        GuaranteeTier tier = GuaranteeTier.fromKey(planned.scenario().tier());
        measure(
            planned.scenario(),
            () -> {
              CrashTrial trial =
                  new CrashTrial(
                      trialId("kafka", tier),
                      tier,
                      () -> new KafkaDriver(config),
                      true,
                      settings.trial(true));
              return trial.run(
                  Faults.onNode(planned.fault(), kafka.nodes().get(0), settings.outage()),
                  new KafkaLogRead(kafka.bootstrapServers(), Duration.ofSeconds(60)));
            });
      }
    } catch (RuntimeException e) {
      notRun(Planned.scenarios(scenarios), e);
    } finally {
      Work.deleteCreated();
    }
  }

  /**
   * @param unclean with {@code unclean.leader.election.enable=true} on the brokers: a replica that
   *     is not in sync may become leader, trading acknowledged messages for availability
   */
  void kafkaCluster(boolean unclean) {
    String system = BenchSystem.KAFKA_KRAFT.label();
    String mode = unclean ? KAFKA_CLUSTER + ", unclean leader election on" : KAFKA_CLUSTER;
    Fault.LeaderLoss fault = new Fault.LeaderLoss(FOLLOWERS_BEHIND);
    List<Scenario> scenarios = new ArrayList<>();
    for (GuaranteeTier tier : List.of(GuaranteeTier.ACK, GuaranteeTier.REPLICATED)) {
      if (settings.runs(tier)) {
        scenarios.add(new Scenario(system, mode, tier.key(), fault.label(), 3));
      }
    }
    if (scenarios.isEmpty()) {
      return;
    }
    KafkaClusterSpec spec = KafkaClusterSpec.of(KafkaMode.KRAFT, 3).withControllers(3);
    if (unclean) {
      spec = spec.withOverrides(Map.of("unclean.leader.election.enable", "true"));
    }
    try (KafkaCluster kafka = new KafkaCluster(spec)) {
      kafka.start();
      described.add(kafka.describe());
      KafkaDriverConfig config =
          KafkaDriverConfig.forCluster(kafka.bootstrapServers(), 3)
              .withProducerOverrides(KAFKA_PRODUCER_THROUGH_OUTAGE);
      for (Scenario scenario : scenarios) {
        GuaranteeTier tier = GuaranteeTier.fromKey(scenario.tier());
        String trialId = trialId("kafka3", tier);
        measure(
            scenario,
            () -> {
              CrashTrial trial =
                  new CrashTrial(
                      trialId, tier, () -> new KafkaDriver(config), true, settings.trial(false));
              return trial.run(
                  Faults.leaderLoss(fault, kafka, trialId, settings.outage()),
                  new KafkaLogRead(kafka.bootstrapServers(), Duration.ofSeconds(60)));
            });
      }
    } catch (RuntimeException e) {
      notRun(scenarios, e);
    } finally {
      Work.deleteCreated();
    }
  }

  /**
   * How long the followers stop copying before the leader dies. Whether {@code acks=1} loses
   * acknowledged messages when its leader dies was left to the instant of the kill: 75, 6 and 0
   * lost in three quick runs, and claim K2's verdict with them. Frozen followers make the exposure
   * certain: what the leader acknowledges meanwhile exists on it alone, and they stay in sync (well
   * within {@code replica.lag.time.max.ms}, 30 s), so the leader that follows lacks it. With {@code
   * acks=all} and {@code min.insync.replicas=2} the leader acknowledges none of it.
   */
  static final Duration FOLLOWERS_BEHIND = Duration.ofSeconds(1);

  /** A scenario and the fault it runs. */
  record Planned(Scenario scenario, Fault fault) {
    static List<Scenario> scenarios(List<Planned> planned) {
      return planned.stream().map(Planned::scenario).toList();
    }
  }

  /**
   * The scenarios of one node: {@code kill} per tier of the profile, and in the full profile a
   * SIGSTOP for three outages at tier durable.
   */
  private List<Planned> singleNodeScenarios(BenchSystem system, String mode, Fault.Kill kill) {
    List<Planned> scenarios = new ArrayList<>();
    for (GuaranteeTier tier : settings.tiers()) {
      scenarios.add(planned(system, mode, tier, kill));
    }
    if (settings.extras() && settings.runs(GuaranteeTier.DURABLE)) {
      Fault.Pause pause = new Fault.Pause(settings.outage().multipliedBy(3));
      scenarios.add(planned(system, mode, GuaranteeTier.DURABLE, pause));
    }
    return scenarios;
  }

  private static Planned planned(BenchSystem system, String mode, GuaranteeTier tier, Fault fault) {
    return new Planned(new Scenario(system.label(), mode, tier.key(), fault.label(), 1), fault);
  }

  /** How long the fault-free run of each tier lasts while the broker's fsync calls are counted. */
  static final Duration SYNC_RUN = Duration.ofSeconds(3);

  /**
   * The price of durability on one node: for each tier of the profile, a fault-free run ({@link
   * #SYNC_RUN} at the suite's rate) while strace counts the fsync-family calls of the broker's
   * processes. Runs on a fresh broker, before its faults.
   */
  private void countSyncCalls(
      BenchSystem system,
      String mode,
      io.brokerbench.brokers.ProcessNode node,
      java.util.function.Function<GuaranteeTier, CrashTrial> trials) {
    if (!settings.singleNodeExtras() || settings.tiers().isEmpty()) {
      return;
    }
    progress.step("durability: " + system.label() + " (" + mode + "), fsync calls per tier");
    String unavailable = SyncCalls.unavailable();
    List<String> found = new ArrayList<>();
    java.nio.file.Path dir = Work.newDirectory("strace");
    for (GuaranteeTier tier : settings.tiers()) {
      if (unavailable != null) {
        syncRows.add(
            SyncRow.notMeasured(
                system.label(), mode, tier.key(), DurabilityRow.SKIPPED, unavailable));
        continue;
      }
      try {
        java.nio.file.Files.createDirectories(dir);
        SyncCalls.Count count =
            SyncCalls.during(
                node.pid(),
                dir.resolve("strace-" + tier.key() + ".txt"),
                () -> trials.apply(tier).run(null, null).ledger().sent());
        syncRows.add(
            SyncRow.of(
                system.label(),
                mode,
                tier.key(),
                count,
                "strace -f -c on the broker's processes during "
                    + SYNC_RUN.toSeconds()
                    + " s without a fault"));
        found.add(String.format("%s %.1f", tier.key(), count.perThousand()));
      } catch (Exception e) {
        syncRows.add(
            SyncRow.notMeasured(
                system.label(), mode, tier.key(), DurabilityRow.FAILED, Errors.firstLine(e)));
        found.add(tier.key() + " FAILED: " + Errors.firstLine(e));
      }
    }
    progress.done(
        unavailable != null
            ? "SKIPPED: " + unavailable
            : "fsync-family calls per 1,000 messages: " + String.join(", ", found));
  }

  // --- RabbitMQ -------------------------------------------------------------------------------

  void rabbitSingle() {
    List<Planned> scenarios =
        singleNodeScenarios(BenchSystem.RABBITMQ, RABBIT_SINGLE, new Fault.Kill("node"));
    if (settings.singleNodeExtras() && settings.runs(GuaranteeTier.DURABLE)) {
      for (RabbitConsumerPeer.Acks acks : CONSUMER_ACKS) {
        scenarios.add(
            planned(
                BenchSystem.RABBITMQ,
                RABBIT_SINGLE,
                GuaranteeTier.DURABLE,
                new Fault.ConsumerCrash(acks)));
      }
    }
    if (scenarios.isEmpty()) {
      return;
    }
    try (RabbitCluster rabbit = new RabbitCluster(RabbitClusterSpec.single())) {
      rabbit.start();
      described.add(rabbit.describe());
      RabbitNode node = rabbit.node(1);
      RabbitMqConfig config = RabbitMqConfig.of(node.uri());
      countSyncCalls(
          BenchSystem.RABBITMQ,
          RABBIT_SINGLE,
          node,
          tier ->
              new CrashTrial(
                  trialId("rabbit-sync", tier),
                  tier,
                  () -> new RabbitMqDriver(config),
                  false,
                  settings.syncRun()));
      for (Planned planned : scenarios) {
        GuaranteeTier tier = GuaranteeTier.fromKey(planned.scenario().tier());
        boolean consumerCrash = planned.fault() instanceof Fault.ConsumerCrash;
        measure(
            planned.scenario(),
            () -> {
              CrashTrial trial =
                  new CrashTrial(
                      trialId("rabbit", tier),
                      tier,
                      () -> new RabbitMqDriver(config),
                      false,
                      settings.trial(!consumerCrash));
              return planned.fault() instanceof Fault.ConsumerCrash crash
                  ? rabbitConsumerCrash(trial, config, crash.acks())
                  : trial.run(Faults.onNode(planned.fault(), node, settings.outage()), null);
            });
      }
    } catch (RuntimeException e) {
      notRun(Planned.scenarios(scenarios), e);
    } finally {
      Work.deleteCreated();
    }
  }

  /** How the consumer acknowledges in the consumer-crash scenarios, one scenario each. */
  static final List<RabbitConsumerPeer.Acks> CONSUMER_ACKS =
      List.of(RabbitConsumerPeer.Acks.AUTO, RabbitConsumerPeer.Acks.MANUAL);

  /**
   * The broker stays up; the consumer, a child JVM, is SIGKILLed and a new one consumes the same
   * queue after the outage. The producer publishes persistent messages with confirms to a durable
   * queue (tier durable), so whatever is lost is lost by the consumer's acknowledgements: with
   * auto-ack the broker forgets a message once sent, and what the dead consumer held is gone; with
   * manual acks (the harness's prefetch and ack batch) the broker delivers again what was not
   * acknowledged, and what the dead consumer had handled arrives twice.
   */
  private CrashTrial.Outcome rabbitConsumerCrash(
      CrashTrial trial, RabbitMqConfig config, RabbitConsumerPeer.Acks acks) throws Exception {
    String queue = RabbitMqDriver.queueName(trial.topology(), 0, 0, 0);
    String uri = config.uris().get(0);
    CrashTrial.Settings sizes = settings.trial(false);
    try (ConsumerProcesses consumers =
        new ConsumerProcesses(
            Work.newDirectory("rabbitmq-consumer-ledger"),
            (index, file) ->
                RabbitConsumerPeer.process(
                    "rabbitmq-consumer-" + acks.key() + "-" + index,
                    uri,
                    queue,
                    file,
                    PayloadHeader.BYTES,
                    acks,
                    config.prefetch(),
                    config.ackEvery()),
            sizes.drainIdle(),
            sizes.drainMax())) {
      // The producer sends a multiple of the ack batch by the fault time in every profile (2,000
      // msg/s for 3 s, say), so a kill right then would always find a batch just acknowledged:
      // nothing handled and unacknowledged, however the consumer acknowledges. A crash at a random
      // moment finds half a batch on average; the kill comes half a batch later, for both modes.
      Duration halfBatch =
          Duration.ofNanos(
              config.ackEvery() / 2 * TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond());
      return trial.runWithOutsideConsumers(
          down -> consumers.crashAndRestart(down, halfBatch, settings.outage()), consumers);
    }
  }

  /**
   * Tier replicated on RabbitMQ: a quorum queue on 3 nodes whose leader is lost with its disk
   * ({@link Fault.QueueLeaderLoss}): the followers elect a new leader and the clients reconnect to
   * a surviving node.
   */
  void rabbitQuorum() {
    if (!settings.runs(GuaranteeTier.REPLICATED)) {
      return;
    }
    String system = BenchSystem.RABBITMQ.label();
    Scenario scenario =
        new Scenario(
            system, "3 nodes, quorum queue", "replicated", new Fault.QueueLeaderLoss().label(), 3);
    try (RabbitCluster rabbit = new RabbitCluster(RabbitClusterSpec.of(3))) {
      rabbit.start();
      described.add(rabbit.describe());
      RabbitMqConfig config = RabbitMqConfig.of(rabbit.uris());
      String trialId = trialId("rabbit3", GuaranteeTier.REPLICATED);
      measure(
          scenario,
          () -> {
            CrashTrial trial =
                new CrashTrial(
                    trialId,
                    GuaranteeTier.REPLICATED,
                    () -> new RabbitMqDriver(config),
                    false,
                    settings.trial(false));
            return trial.run(Faults.queueLeaderLoss(rabbit, trialId), null);
          });
    } catch (RuntimeException e) {
      notRun(List.of(scenario), e);
    } finally {
      Work.deleteCreated();
    }
  }

  // --- ZeroMQ ---------------------------------------------------------------------------------

  /** The high-water mark of the slow-subscriber run: small, so that the drops show quickly. */
  static final int SLOW_SUBSCRIBER_HWM = 100;

  void zeroMq() {
    if (!settings.runs(GuaranteeTier.NONE)) {
      return; // every ZeroMQ scenario is at tier none
    }
    String system = BenchSystem.ZEROMQ.label();
    ZeroMqFaults faults =
        new ZeroMqFaults(
            settings.messageBytes(),
            settings.ratePerSecond(),
            settings.faultAfter(),
            settings.duration(),
            settings.outage(),
            settings.faultAtMessages(),
            settings.backlogMessages());
    Scenario crash =
        new Scenario(system, "brokerless, PUSH/PULL", "none", "SIGKILL consumer, restart", 2);
    measureZmq(crash, () -> faults.consumerCrash(Work.newDirectory("zeromq-ledger")));
    Scenario slow =
        new Scenario(
            system,
            "brokerless, PUB/SUB",
            "none",
            "slow subscriber, HWM " + SLOW_SUBSCRIBER_HWM,
            2);
    // The subscriber works 4 publishing periods per message: it keeps up with a quarter of the
    // messages, and the high-water mark decides what becomes of the rest.
    Duration work = Duration.ofNanos(4 * 1_000_000_000L / settings.ratePerSecond());
    measureZmq(slow, () -> faults.slowSubscriber(SLOW_SUBSCRIBER_HWM, work));
    Scenario late = new Scenario(system, "brokerless, PUB/SUB", "none", "late joiner", 2);
    measureZmq(late, faults::lateJoiner);
    Work.deleteCreated();
  }

  @FunctionalInterface
  private interface ZmqRun {
    ZeroMqFaults.Result run() throws Exception;
  }

  private void measureZmq(Scenario scenario, ZmqRun run) {
    measure(
        scenario,
        () -> {
          ZeroMqFaults.Result result = run.run();
          return new CrashTrial.Outcome(
              result.ledger(),
              result.recoveryMs(),
              result.note(),
              List.of(),
              result.atRisk(),
              result.refused(),
              "");
        });
  }

  // --- Common ---------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Trial {
    CrashTrial.Outcome run() throws Exception;
  }

  private void measure(Scenario scenario, Trial trial) {
    progress.step("durability: " + scenario);
    try {
      CrashTrial.Outcome outcome = trial.run();
      rows.add(
          DurabilityRow.of(
              scenario,
              outcome.ledger(),
              outcome.atRisk(),
              outcome.refused(),
              outcome.readBack(),
              outcome.recoveryMs(),
              outcome.note()));
      progress.done(
          outcome.ledger().summary()
              + (outcome.recoveryMs() == null
                  ? ""
                  : "; recovered in " + outcome.recoveryMs() + " ms"));
    } catch (Exception e) {
      rows.add(DurabilityRow.notMeasured(scenario, DurabilityRow.FAILED, Errors.firstLine(e)));
      progress.done("FAILED: " + Errors.firstLine(e));
    }
  }

  private void notRun(List<Scenario> scenarios, RuntimeException e) {
    String status =
        e instanceof BrokerUnavailableException ? DurabilityRow.SKIPPED : DurabilityRow.FAILED;
    for (Scenario scenario : scenarios) {
      boolean measured =
          rows.stream()
              .anyMatch(
                  row ->
                      row.system().equals(scenario.system())
                          && row.mode().equals(scenario.mode())
                          && row.tier().equals(scenario.tier())
                          && row.fault().equals(scenario.fault()));
      if (!measured) {
        progress.step("durability: " + scenario);
        rows.add(DurabilityRow.notMeasured(scenario, status, Errors.firstLine(e)));
        progress.done(status.toUpperCase() + ": " + Errors.firstLine(e));
      }
    }
  }

  private String trialId(String system, GuaranteeTier tier) {
    return "dur-"
        + system
        + "-"
        + tier.key()
        + "-"
        + (++trials)
        + "-"
        + System.nanoTime() % 100_000;
  }

  /**
   * The crash rows, each with the fsync calls per 1,000 messages that its system, set-up and tier
   * made in the fault-free count, where there is one.
   */
  public List<DurabilityRow> rows() {
    return rows.stream().map(row -> row.withSync(syncPerThousand(row))).toList();
  }

  private Double syncPerThousand(DurabilityRow row) {
    return syncRows.stream()
        .filter(sync -> sync.status().equals(DurabilityRow.OK))
        .filter(sync -> sync.system().equals(row.system()) && sync.mode().equals(row.mode()))
        .filter(sync -> sync.tier().equals(row.tier()))
        .map(SyncRow::perThousand)
        .findFirst()
        .orElse(null);
  }

  public List<SyncRow> syncRows() {
    return List.copyOf(syncRows);
  }

  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /** {@code durability.json}: the settings, the honesty note and one row per scenario. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "durability");
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("profile", settings.profile());
    sizes.put("messageBytes", settings.messageBytes());
    sizes.put("ratePerSecond", settings.ratePerSecond());
    sizes.put("faultAfterMs", settings.faultAfter().toMillis());
    sizes.put("durationMs", settings.duration().toMillis());
    sizes.put("outageMs", settings.outage().toMillis());
    sizes.put("faultAtMessages", settings.faultAtMessages());
    sizes.put("backlogMessages", settings.backlogMessages());
    sizes.put("slowSubscriberHighWaterMark", SLOW_SUBSCRIBER_HWM);
    json.put("settings", sizes);
    json.put("caveat", DurabilityTable.CAVEAT);
    json.put("rows", rows());
    json.put("syncCalls", syncRows);
    return json;
  }

  public String report() {
    return DurabilityTable.markdown(settings, rows(), syncRows);
  }
}
