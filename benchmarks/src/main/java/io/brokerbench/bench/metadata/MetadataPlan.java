package io.brokerbench.bench.metadata;

import io.brokerbench.bench.suite.Profile;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the metadata sweep measures: the total partition counts, the two shapes, both modes, and at
 * which points the slow operations (controlled shutdown, restart, controller failover) run.
 *
 * <p>Each mode and shape is one series on one cluster that grows: every point creates the
 * partitions that take the cluster from the previous point's count to its own, so a point's create
 * time is the cost of adding those partitions to a cluster that already holds the earlier ones (the
 * marginal cost the claim is about), and no cluster is started twice.
 *
 * @param partitions the total partition counts of the sweep, increasing
 * @param shapes the topic layouts swept, in order
 * @param modes the metadata modes, in the order each shape runs them
 * @param replicationFactor replicas per partition: 1 for the size sweep (every partition a leader
 *     on one broker), 3 to make controlled shutdown and failover move leadership
 * @param brokers brokers per cluster: 3, so controlled shutdown and failover mean something and
 *     each broker holds a third of the partitions
 * @param pointBudget the time one point may take, its creation and measurements together; a point
 *     over it is reported as "did not finish" and its series ends
 * @param operationShapes the shapes whose points also run controlled shutdown, restart and failover
 * @param operationPoints the partition counts at which they run (within those shapes)
 * @param heap each broker JVM's heap, the same in both modes (a KRaft controller shares its
 *     broker's)
 * @param zookeeperNodes ZooKeeper servers in ZooKeeper mode: 3, an ensemble that, like KRaft's 3
 *     voters, survives the loss of one
 * @param zookeeperHeap each ZooKeeper JVM's heap ({@code -Xms} = {@code -Xmx})
 * @param restarts whether the operation points run controlled shutdown and restart of one broker
 *     (controller failover always runs there)
 * @param equalTimeoutFailover whether ZooKeeper mode's operation points also measure a controller
 *     failover with {@code zookeeper.session.timeout.ms} equal to KRaft's {@code
 *     controller.quorum.fetch.timeout.ms}, beside the one with Kafka's defaults
 */
public record MetadataPlan(
    List<Integer> partitions,
    List<Shape> shapes,
    List<KafkaMode> modes,
    int replicationFactor,
    int brokers,
    Duration pointBudget,
    Set<Shape> operationShapes,
    Set<Integer> operationPoints,
    String heap,
    int zookeeperNodes,
    String zookeeperHeap,
    boolean restarts,
    boolean equalTimeoutFailover) {

  /** One point of the sweep. */
  public record Point(
      KafkaMode mode, Shape shape, int partitions, int previousPartitions, boolean operations) {}

  /** Three brokers: one to stop, one to lose as controller, and a majority left standing. */
  static final int BROKERS = 3;

  /** Three ZooKeeper servers: as many as KRaft's voters, and like them they survive one loss. */
  static final int ZOOKEEPER_NODES = 3;

  /**
   * Each ZooKeeper server's heap: ZooKeeper's own launcher starts with 1 GiB, Kafka's {@code
   * zookeeper-server-start.sh} with 512 MiB; the ensemble holds a few hundred MiB of znodes at
   * 100,000 partitions.
   */
  static final String ZOOKEEPER_HEAP = "512m";

  /**
   * A plan with a 3-server ZooKeeper ensemble of {@value #ZOOKEEPER_HEAP} each, restarts at the
   * operation points and no equal-timeout failover.
   */
  public MetadataPlan(
      List<Integer> partitions,
      List<Shape> shapes,
      List<KafkaMode> modes,
      int replicationFactor,
      int brokers,
      Duration pointBudget,
      Set<Shape> operationShapes,
      Set<Integer> operationPoints,
      String heap) {
    this(
        partitions,
        shapes,
        modes,
        replicationFactor,
        brokers,
        pointBudget,
        operationShapes,
        operationPoints,
        heap,
        ZOOKEEPER_NODES,
        ZOOKEEPER_HEAP,
        true,
        false);
  }

  public MetadataPlan {
    partitions = List.copyOf(partitions);
    shapes = List.copyOf(shapes);
    modes = List.copyOf(modes);
    operationShapes = Set.copyOf(operationShapes);
    operationPoints = Set.copyOf(operationPoints);
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("partitions: the sweep needs at least one point");
    }
    for (int i = 0; i < partitions.size(); i++) {
      if (partitions.get(i) < 1 || (i > 0 && partitions.get(i) <= partitions.get(i - 1))) {
        throw new IllegalArgumentException(
            "partitions must be positive and increase, was " + partitions);
      }
    }
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("shapes: at least one");
    }
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers: must be 1 or more, was " + brokers);
    }
    if (replicationFactor < 1 || replicationFactor > brokers) {
      throw new IllegalArgumentException(
          "replicationFactor: must be 1 to brokers (" + brokers + "), was " + replicationFactor);
    }
    if (pointBudget == null || pointBudget.isNegative() || pointBudget.isZero()) {
      throw new IllegalArgumentException("pointBudget: must be positive, was " + pointBudget);
    }
    if (zookeeperNodes < 1 || zookeeperNodes % 2 == 0) {
      throw new IllegalArgumentException(
          "zookeeperNodes: must be an odd number, 1 or more, was " + zookeeperNodes);
    }
    if (heap == null || !heap.matches("[1-9][0-9]*[mg]")) {
      throw new IllegalArgumentException("heap: must be like 512m or 1g, was " + heap);
    }
    if (zookeeperHeap == null || !zookeeperHeap.matches("[1-9][0-9]*[mg]")) {
      throw new IllegalArgumentException(
          "zookeeperHeap: must be like 512m or 1g, was " + zookeeperHeap);
    }
  }

  /**
   * The plan of a profile.
   *
   * <ul>
   *   <li>smoke: one tiny point per mode (200 partitions, many topics), without the slow operations
   *       (controlled shutdown, restart, failover);
   *   <li>quick: 1,000, 5,000 and 10,000 in both shapes, one sample per point with the modes
   *       interleaved; creation, describe, znodes or metadata log and memory, no shutdown, restart
   *       or failover (one point of them shows no growth, and the ensemble's slower creation takes
   *       their time);
   *   <li>full: 1,000 to 50,000 and a point at 100,000 that runs where the machine's limits allow
   *       (else it is refused with the limit that stopped it); every measurement, both failovers
   *       included, at every point.
   * </ul>
   *
   * Every profile runs ZooKeeper mode on a {@value #ZOOKEEPER_NODES}-server ensemble of {@value
   * #ZOOKEEPER_HEAP} each beside KRaft's 3 voters, brokers of 1 GiB in both modes.
   */
  public static MetadataPlan forProfile(Profile profile, int replicationFactor) {
    List<KafkaMode> modes = List.of(KafkaMode.ZOOKEEPER, KafkaMode.KRAFT);
    return switch (profile) {
      case SMOKE ->
          new MetadataPlan(
              List.of(200),
              List.of(Shape.MANY_TOPICS),
              modes,
              replicationFactor,
              BROKERS,
              Duration.ofMinutes(3),
              // No shutdown, restart or failover: ZooKeeper mode's failover alone waits out an
              // 18 s session, and smoke has 5 minutes for the whole report.
              Set.of(),
              Set.of(),
              "1g",
              ZOOKEEPER_NODES,
              ZOOKEEPER_HEAP,
              false,
              false);
      case QUICK ->
          new MetadataPlan(
              List.of(1_000, 5_000, 10_000),
              List.of(Shape.MANY_TOPICS, Shape.FEW_TOPICS),
              modes,
              replicationFactor,
              BROKERS,
              Duration.ofMinutes(4),
              // No operations: at one point they show no growth (K5 needs two), and on 2 cores
              // the ensemble's slower creation (ZooKeeper mode's 10,000 one-partition topics
              // 4-5 min instead of 3) takes their time. Full runs them all, everywhere.
              Set.of(),
              Set.of(),
              "1g",
              ZOOKEEPER_NODES,
              ZOOKEEPER_HEAP,
              false,
              false);
      case FULL ->
          new MetadataPlan(
              List.of(1_000, 5_000, 10_000, 20_000, 50_000, 100_000),
              List.of(Shape.MANY_TOPICS, Shape.FEW_TOPICS),
              modes,
              replicationFactor,
              BROKERS,
              Duration.ofMinutes(30),
              Set.of(Shape.MANY_TOPICS, Shape.FEW_TOPICS),
              Set.of(1_000, 5_000, 10_000, 20_000, 50_000, 100_000),
              "1g",
              ZOOKEEPER_NODES,
              ZOOKEEPER_HEAP,
              true,
              true);
    };
  }

  /** The same plan for {@code modes} only (none: the suite runs nothing). */
  public MetadataPlan withModes(List<KafkaMode> modes) {
    return new MetadataPlan(
        partitions,
        shapes,
        modes,
        replicationFactor,
        brokers,
        pointBudget,
        operationShapes,
        operationPoints,
        heap,
        zookeeperNodes,
        zookeeperHeap,
        restarts,
        equalTimeoutFailover);
  }

  /** Every point, series by series: for each shape, each mode's points in increasing size. */
  public List<Point> points() {
    List<Point> points = new ArrayList<>();
    for (Shape shape : shapes) {
      for (KafkaMode mode : modes) {
        int previous = 0;
        for (int total : partitions) {
          points.add(
              new Point(
                  mode,
                  shape,
                  total,
                  previous,
                  operationShapes.contains(shape) && operationPoints.contains(total)));
          previous = total;
        }
      }
    }
    return points;
  }

  /** Partition replicas on each broker at {@code partitions}, spread evenly. */
  public long replicasPerBroker(int partitions) {
    return ((long) partitions * replicationFactor + brokers - 1) / brokers;
  }

  /** For {@code metadata-scaling.json}: the plan in plain values. */
  public Map<String, Object> describe() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("partitions", partitions);
    json.put("shapes", shapes.stream().map(Shape::label).toList());
    json.put("modes", modes.stream().map(KafkaMode::label).toList());
    json.put("replicationFactor", replicationFactor);
    json.put("brokers", brokers);
    json.put("pointBudgetMs", pointBudget.toMillis());
    json.put(
        "operationShapes",
        shapes.stream().filter(operationShapes::contains).map(Shape::label).toList());
    json.put("operationPoints", partitions.stream().filter(operationPoints::contains).toList());
    json.put("fewTopicsPartitionsPerTopic", Shape.FEW_TOPICS_PARTITIONS);
    json.put("brokerHeap", heap);
    json.put("zookeeperNodes", zookeeperNodes);
    json.put("zookeeperHeap", zookeeperHeap);
    json.put("heaps", heaps());
    json.put("modesInterleaved", true);
    json.put("samplesPerPoint", 1);
    json.put("restarts", restarts);
    json.put("equalTimeoutFailover", equalTimeoutFailover);
    json.put("measures", measures());
    return json;
  }

  /** Each mode's JVM heaps, in words: the brokers' are equal, ZooKeeper's come on top. */
  public Map<String, String> heaps() {
    Map<String, String> heaps = new LinkedHashMap<>();
    heaps.put(
        KafkaMode.KRAFT.label(),
        String.format("%d x %s (each broker also a controller)", brokers, heap));
    heaps.put(
        KafkaMode.ZOOKEEPER.label(),
        String.format(
            "%d x %s brokers + %d x %s ZooKeeper", brokers, heap, zookeeperNodes, zookeeperHeap));
    return heaps;
  }

  /** What the plan measures, in one sentence for the report and the JSON. */
  public String measures() {
    List<String> operations = new ArrayList<>();
    if (restarts) {
      operations.add("controlled shutdown and restart of one broker");
    }
    operations.add("controller failover");
    if (equalTimeoutFailover) {
      operations.add(
          "in ZooKeeper mode a second failover with zookeeper.session.timeout.ms equal to KRaft's"
              + " controller.quorum.fetch.timeout.ms");
    }
    String at =
        operationShapes.isEmpty() || operationPoints.isEmpty()
            ? "no operations"
            : String.join(", ", operations)
                + " at "
                + partitions.stream()
                    .filter(operationPoints::contains)
                    .map(p -> String.format("%,d", p))
                    .toList()
                + " partitions in "
                + shapes.stream().filter(operationShapes::contains).map(Shape::label).toList();
    return String.format(
        "create, describe, znodes or metadata log, memory at %s partitions in %s, one sample per"
            + " point, the modes interleaved point by point; %s",
        partitions.stream().map(p -> String.format("%,d", p)).toList(),
        shapes.stream().map(Shape::label).toList(),
        at);
  }
}
