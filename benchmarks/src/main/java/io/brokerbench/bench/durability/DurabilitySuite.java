package io.brokerbench.bench.durability;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.durability.DurabilityRow.Scenario;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.Description;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class DurabilitySuite implements Suite {

  private final DurabilitySettings settings;
  private final RunPlan plan;
  private final ScenarioRunner runner;
  private final KafkaScenarios kafka;
  private final RabbitScenarios rabbit;
  private final ZeroMqScenarios zeroMq;

  /**
   * @param settings the sizes and the tiers that run (narrowed to the plan's by {@link #of})
   * @param plan the systems; an external one is a skipped row
   */
  public DurabilitySuite(DurabilitySettings settings, RunPlan plan, Progress progress) {
    this.settings = settings;
    this.plan = plan;
    this.runner = new ScenarioRunner(settings, progress);
    this.kafka = new KafkaScenarios(settings, runner);
    this.rabbit = new RabbitScenarios(settings, runner);
    this.zeroMq = new ZeroMqScenarios(settings, runner);
  }

  /** The suite of {@code plan}'s profile at the plan's tiers. */
  public static DurabilitySuite of(RunPlan plan, Path staging, Progress progress) {
    return new DurabilitySuite(
        DurabilitySettings.forProfile(plan.profile()).onlyTiers(plan.tiers()), plan, progress);
  }

  @Override
  public String name() {
    return "durability";
  }

  @Override
  public int steps() {
    return steps(settings, plan.systems());
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
      steps += settings.singleNodeExtras() ? RabbitScenarios.CONSUMER_ACKS.size() * durable : 0;
      steps += settings.extras() ? durable : 0;
      steps += settings.clusters() ? replicated : 0;
    }
    if (systems.contains(BenchSystem.KAFKA_4)) {
      steps += settings.tiers().size() + syncCount;
      steps += settings.extras() ? durable : 0;
    }
    if (systems.contains(BenchSystem.RABBITMQ_STREAM)) {
      steps += settings.tiers().size(); // a tier a stream does not offer is a row all the same
    }
    if (systems.contains(BenchSystem.ZEROMQ) && settings.runs(GuaranteeTier.NONE)) {
      steps += 3;
    }
    return steps;
  }

  /**
   * Runs the scenarios of the plan's systems; an external system is skipped with one row that says
   * why: a fault needs brokerbench to kill and restart the broker's processes.
   */
  @Override
  public void run() {
    Set<BenchSystem> systems = plan.systems();
    External external = plan.external();
    for (BenchSystem system : systems) {
      if (external.isExternal(system)) {
        Scenario scenario = new Scenario(system.label(), "external", "all", "all faults", 0);
        String reason = External.needsProcessControl(system, "a crash ledger");
        runner.skipped(scenario, Status.SKIPPED, reason);
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
    if (systems.contains(BenchSystem.KAFKA_4)) {
      kafka.single(BenchSystem.KAFKA_4);
    }
    if (systems.contains(BenchSystem.RABBITMQ_STREAM)) {
      rabbitStreams();
    }
    if (systems.contains(BenchSystem.ZEROMQ)) {
      zeroMq();
    }
  }

  /** RabbitMQ Streams on one node, every tier of the profile: {@link RabbitScenarios#streams}. */
  void rabbitStreams() {
    rabbit.streams();
  }

  /** One broker, every tier of the profile: {@link KafkaScenarios#single}. */
  void kafkaSingle() {
    kafka.single(BenchSystem.KAFKA_KRAFT);
  }

  /** Three brokers that lose a partition leader: {@link KafkaScenarios#cluster}. */
  void kafkaCluster(boolean unclean) {
    kafka.cluster(unclean);
  }

  /** One node, every tier and consumer crash: {@link RabbitScenarios#single}. */
  void rabbitSingle() {
    rabbit.single();
  }

  /** A 3-node quorum queue that loses its leader: {@link RabbitScenarios#quorum}. */
  void rabbitQuorum() {
    rabbit.quorum();
  }

  /** ZeroMQ's brokerless faults: {@link ZeroMqScenarios#run}. */
  void zeroMq() {
    zeroMq.run();
  }

  /**
   * The crash rows, each with the fsync calls per 1,000 messages that its system, set-up and tier
   * made in the fault-free count, where there is one.
   */
  @Override
  public List<DurabilityRow> rows() {
    return runner.rows().stream().map(row -> row.withSync(syncPerThousand(row))).toList();
  }

  private Double syncPerThousand(DurabilityRow row) {
    return runner.syncRows().stream()
        .filter(sync -> sync.status().equals(Status.OK))
        .filter(sync -> sync.system().equals(row.system()) && sync.mode().equals(row.mode()))
        .filter(sync -> sync.tier().equals(row.tier()))
        .map(SyncRow::perThousand)
        .findFirst()
        .orElse(null);
  }

  public List<SyncRow> syncRows() {
    return runner.syncRows();
  }

  @Override
  public List<Description> descriptions() {
    return runner.descriptions();
  }

  /** {@code durability.json}: the settings, the honesty note and one row per scenario. */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "durability");
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("profile", settings.profile().key());
    sizes.put("messageBytes", settings.messageBytes());
    sizes.put("ratePerSecond", settings.ratePerSecond());
    sizes.put("faultAfterMs", settings.faultAfter().toMillis());
    sizes.put("durationMs", settings.duration().toMillis());
    sizes.put("outageMs", settings.outage().toMillis());
    sizes.put("faultAtMessages", settings.faultAtMessages());
    sizes.put("backlogMessages", settings.backlogMessages());
    sizes.put("slowSubscriberHighWaterMark", ZeroMqScenarios.SLOW_SUBSCRIBER_HWM);
    json.put("settings", sizes);
    json.put("caveat", DurabilityTable.CAVEAT);
    json.put("rows", rows());
    json.put("syncCalls", runner.syncRows());
    return json;
  }

  @Override
  public String report(Path staging) {
    return DurabilityTable.markdown(settings, rows(), runner.syncRows());
  }
}
