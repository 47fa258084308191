package io.brokerbench.bench.metadata;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.Errors;
import io.brokerbench.bench.Progress;
import io.brokerbench.bench.metadata.Deadline.PointTimeoutException;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.suite.RunPlan;
import io.brokerbench.bench.suite.Suite;
import io.brokerbench.brokers.BrokerUnavailableException;
import io.brokerbench.brokers.Description;
import io.brokerbench.brokers.MachineLimits;
import io.brokerbench.brokers.Work;
import io.brokerbench.brokers.kafka.KafkaCluster;
import io.brokerbench.brokers.kafka.KafkaMode;
import io.brokerbench.brokers.kafka.KafkaNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * ZooKeeper against KRaft (claims K4 and K5): how Kafka's metadata layer behaves as topics and
 * partitions grow. For each shape, one 3-broker Kafka 3.9.1 cluster per mode (KRaft: 3 voters in
 * the brokers; ZooKeeper mode: a 3-server ensemble) starts empty, and the two grow side by side
 * through the plan's partition counts, taking each point in turn with the first mode alternating.
 * At each point the suite creates the new partitions (acknowledged, then online with their logs on
 * the brokers), describes every topic from a fresh client, reads ZooKeeper's {@code mntr} or the
 * KRaft metadata log's size and every process's resident memory, and, where the plan says so, stops
 * one broker cleanly and restarts it, and kills the active controller: with Kafka's default
 * timeouts, and in ZooKeeper mode once more with the session timeout at KRaft's fetch timeout.
 *
 * <p>A point the machine cannot hold (open files, memory maps; both modes' heaps side by side) is
 * refused before anything starts; a point over its time budget is reported as not finished with the
 * step it was in. Either ends that series (a larger point would not fare better) and the sweep goes
 * on. Every cluster is stopped and its data deleted when its shape ends.
 */
public final class MetadataSuite implements Suite {
  /** Topics of one partition created and deleted before a series' first point. */
  static final int WARMUP_TOPICS = 100;

  private final MetadataPlan plan;
  private final Progress progress;
  private final MachineLimits limits;
  private final PointMeasurement measurement;
  private final List<MetadataRow> rows = new ArrayList<>();
  private final List<Description> described = new ArrayList<>();
  private Duration wallTime = Duration.ZERO;

  public MetadataSuite(MetadataPlan plan, Progress progress) {
    this(plan, progress, MachineLimits.read());
  }

  MetadataSuite(MetadataPlan plan, Progress progress, MachineLimits limits) {
    this.plan = plan;
    this.progress = progress;
    this.limits = limits;
    this.measurement = new PointMeasurement(plan);
  }

  /**
   * The suite of {@code plan}'s profile and replication factor over the Kafka modes among the
   * plan's systems. A Kafka the user runs cannot be swept: the sweep restarts and kills its
   * brokers, so an external one is left out.
   */
  public static MetadataSuite of(RunPlan plan, Path staging, Progress progress) {
    Set<BenchSystem> started = EnumSet.noneOf(BenchSystem.class);
    plan.systems().stream()
        .filter(system -> !plan.external().isExternal(system))
        .forEach(started::add);
    return new MetadataSuite(
        MetadataPlan.forProfile(plan.profile(), plan.metadataReplicationFactor())
            .withModes(modes(started)),
        progress);
  }

  /** The Kafka modes among {@code systems}: the suite compares those it is given. */
  static List<KafkaMode> modes(Set<BenchSystem> systems) {
    List<KafkaMode> modes = new ArrayList<>();
    if (systems.contains(BenchSystem.KAFKA_ZOOKEEPER)) {
      modes.add(KafkaMode.ZOOKEEPER);
    }
    if (systems.contains(BenchSystem.KAFKA_KRAFT)) {
      modes.add(KafkaMode.KRAFT);
    }
    return modes;
  }

  /** {@code metadata}; its file is {@code metadata-scaling.json}. */
  @Override
  public String name() {
    return "metadata";
  }

  @Override
  public String jsonFile() {
    return "metadata-scaling.json";
  }

  /** Without a Kafka system among those chosen there is nothing to compare: no file, no section. */
  @Override
  public boolean applies() {
    return !plan.modes().isEmpty();
  }

  @Override
  public int steps() {
    return steps(plan);
  }

  /** How many progress steps {@link #run} takes: one per point. */
  public static int steps(MetadataPlan plan) {
    return plan.points().size();
  }

  public MetadataPlan plan() {
    return plan;
  }

  @Override
  public List<MetadataRow> rows() {
    return List.copyOf(rows);
  }

  @Override
  public List<Description> descriptions() {
    return List.copyOf(described);
  }

  /**
   * The suite's {@code metadata-scaling.json}: plan, limits and rows. The verdicts (K4, K5) are the
   * claims report's, read from these rows.
   */
  @Override
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "metadata-scaling");
    json.put("kafkaVersion", KafkaNode.VERSION);
    json.put("plan", plan.describe());
    json.put("limits", limitsJson(limits, plan));
    json.put("brokerOverrides", ClusterSettings.BROKER_OVERRIDES);
    json.put("wallTimeMs", wallTime.toMillis());
    json.put("rows", rows());
    return json;
  }

  static Map<String, Object> limitsJson(MachineLimits limits, MetadataPlan plan) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("openFiles", limits.openFiles());
    json.put("maxMapCount", limits.maxMapCount());
    json.put("maxPartitionsPerBroker", limits.maxPartitionsPerBroker());
    json.put("maxPartitionsPerCluster", maxPartitions(limits, plan));
    return json;
  }

  /** The most partitions the plan's cluster can hold under the machine's limits. */
  static long maxPartitions(MachineLimits limits, MetadataPlan plan) {
    return limits.maxPartitionsPerBroker() * plan.brokers() / plan.replicationFactor();
  }

  /**
   * Draws the plots into {@code dir} and returns the report's section. A plot that cannot be drawn
   * is a sentence in the report, not a failed run: the numbers are in the table and the JSON.
   */
  @Override
  public String report(Path dir) {
    List<String> plots = List.of();
    String problem = "";
    try {
      plots = MetadataPlots.write(dir, rows);
    } catch (Exception | Error e) {
      problem = e.toString();
    }
    return MetadataTable.markdown(plan, limits, rows, wallTime, plots, problem);
  }

  @Override
  public void run() {
    long begin = System.nanoTime();
    for (Shape shape : plan.shapes()) {
      runShape(shape);
    }
    wallTime = Duration.ofNanos(System.nanoTime() - begin);
  }

  /**
   * One shape: each mode's cluster, up side by side, and the points taken in turn, the modes
   * alternating which goes first. The machine's drift (the other work on two shared cores, a
   * warming page cache) then falls on both modes alike instead of on whichever ran second.
   */
  private void runShape(Shape shape) {
    List<Series> series = new ArrayList<>();
    String memory = MemoryFit.refusal(plan, MemoryFit.availableBytes());
    for (KafkaMode mode : plan.modes()) {
      Series one = new Series(mode);
      if (memory != null) {
        one.ended = memory;
        one.endedAs = Status.REFUSED;
      }
      series.add(one);
    }
    try {
      int index = 0;
      for (int partitions : plan.partitions()) {
        List<Series> order = new ArrayList<>(series);
        if (index++ % 2 == 1) {
          Collections.reverse(order);
        }
        for (Series one : order) {
          MetadataPlan.Point point =
              plan.points().stream()
                  .filter(p -> p.shape() == shape && p.mode() == one.mode)
                  .filter(p -> p.partitions() == partitions)
                  .findFirst()
                  .orElseThrow();
          runPoint(one, point);
        }
      }
    } finally {
      for (Series one : series) {
        if (one.cluster != null) {
          described.add(one.cluster.describe());
          // SIGKILL, not a clean stop: the data is deleted next, and a clean shutdown of
          // thousands of partitions takes 10 s or more per cluster for nothing.
          one.cluster.kill();
        }
      }
      // Thousands of partitions' directories are not results: the disk holds one shape at a time.
      Work.deleteCreated();
    }
  }

  private void runPoint(Series series, MetadataPlan.Point point) {
    KafkaMode mode = point.mode();
    progress.step(
        String.format(
            "metadata: kafka %s, %s, %,d partitions",
            mode.label(), point.shape().label(), point.partitions()));
    if (series.ended != null) {
      MetadataRow row = unmeasured(point, series.endedAs, series.ended);
      rows.add(row);
      progress.done(row.statusText());
      return;
    }
    String refused = refusal(point);
    if (refused != null) {
      rows.add(unmeasured(point, Status.REFUSED, refused));
      progress.done("refused: " + refused);
      series.ended = String.format("the machine cannot hold %,d partitions", point.partitions());
      return;
    }
    if (series.cluster == null) {
      try {
        series.cluster =
            new KafkaCluster(
                "meta-" + mode.label() + "-" + point.shape().label(),
                ClusterSettings.spec(plan, mode));
        series.cluster.start();
        warmUp(series.cluster);
      } catch (RuntimeException e) {
        // Not left half-started beside the other mode's cluster for the rest of the shape.
        if (series.cluster != null) {
          described.add(series.cluster.describe());
          series.cluster.kill();
          series.cluster = null;
        }
        MetadataRow row =
            unmeasured(point, Status.FAILED, "the cluster did not start: " + Errors.firstLine(e));
        rows.add(row);
        progress.done(row.statusText());
        series.ended = "the cluster did not start";
        return;
      }
    }
    boolean last = point.partitions() == plan.partitions().get(plan.partitions().size() - 1);
    MetadataRow row = measurement.measure(series.cluster, point, series, !last);
    rows.add(row);
    progress.done(summary(row));
    if (!row.ok()) {
      series.ended = String.format("the %,d-partition point did not complete", point.partitions());
    }
  }

  /**
   * Creates {@value #WARMUP_TOPICS} topics, describes them and deletes them again, unmeasured: a
   * fresh broker runs its first requests interpreted (docs/measurement.md, rule 4), and the first
   * point would pay for that.
   */
  private void warmUp(KafkaCluster cluster) {
    Deadline deadline = new Deadline(plan.pointBudget());
    try (ClusterProbe probe = new ClusterProbe(cluster, plan.pointBudget())) {
      List<NewTopic> topics = new ArrayList<>();
      for (int i = 0; i < WARMUP_TOPICS; i++) {
        topics.add(new NewTopic("warmup-" + i, 1, (short) 1));
      }
      Set<String> names = new LinkedHashSet<>();
      topics.forEach(topic -> names.add(topic.name()));
      probe.create(topics, deadline);
      probe.awaitCreated(names, WARMUP_TOPICS, deadline);
      probe.describeAll(deadline);
      probe.delete(names, deadline);
    } catch (PointTimeoutException e) {
      throw new IllegalStateException(
          "the warm-up did not finish in "
              + Deadline.format(plan.pointBudget())
              + ": "
              + e.getMessage());
    }
  }

  /** Why the machine cannot hold {@code point}, or null when it can. */
  String refusal(MetadataPlan.Point point) {
    try {
      limits.requireKafkaPartitionsFit(
          "each of the " + plan.brokers() + " brokers", plan.replicasPerBroker(point.partitions()));
      return null;
    } catch (BrokerUnavailableException e) {
      return e.getMessage();
    }
  }

  private MetadataRow unmeasured(MetadataPlan.Point point, Status status, String reason) {
    return MetadataRow.unmeasured(
        point.mode().label(),
        point.shape().label(),
        point.partitions(),
        plan.replicationFactor(),
        plan.pointBudget().toMillis(),
        status,
        reason);
  }

  /** The console line after a point. */
  static String summary(MetadataRow row) {
    List<String> parts = new ArrayList<>();
    if (row.createAckMs() != null) {
      parts.add(
          String.format(
              "+%,d created: ack %s, online %s",
              row.createdPartitions(),
              MetadataTable.seconds(row.createAckMs()),
              MetadataTable.seconds(row.createOnlineMs())));
    }
    if (row.describeAllMs() != null) {
      parts.add("describe-all " + MetadataTable.seconds(row.describeAllMs()));
    }
    if (row.controllerFailoverMs() != null) {
      parts.add("failover " + MetadataTable.seconds(row.controllerFailoverMs()));
    }
    if (row.failoverAtEqualTimeoutMs() != null) {
      parts.add(
          "at a "
              + MetadataTable.seconds(row.equalFailoverTimeoutMs())
              + " session "
              + MetadataTable.seconds(row.failoverAtEqualTimeoutMs()));
    }
    if (row.znodes() != null) {
      parts.add(String.format("%,d znodes", row.znodes()));
    }
    if (!row.ok()) {
      parts.add(row.statusText());
    }
    return String.join(", ", parts);
  }
}
