package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.metadata.MetadataRow;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.row.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * K5, ZooKeeper becomes a bottleneck past ~10,000 partitions, from the metadata sweep's rows in
 * {@code metadata-scaling.json}: {@code mode} ({@code kraft} or {@code zookeeper}), {@code shape},
 * {@code partitions}, the times {@code createOnlineMs}, {@code restartMs}, {@code
 * controllerFailoverMs}, {@code status} (empty or {@code ok} when measured), and, where the rows
 * have it, {@code failoverTimeoutMs} (the session or fetch timeout after which that mode notices a
 * dead controller).
 *
 * <p>The claim is about growth: ZooKeeper mode being slower at every size is a constant factor, not
 * a bottleneck that appears past a scale. So the rule follows, per shape and per time, the
 * ZooKeeper/KRaft ratio from the smallest point both modes measured to each point at or past
 * {@value #PAST_PARTITIONS} partitions, and judges the ratio at the largest such point against the
 * ratio at the smallest:
 *
 * <ul>
 *   <li>on the claim's side when it grew at least {@value #GROWS}x and is at least {@value #GROWS}x
 *       itself (ZooKeeper mode clearly slower, and more so as partitions grow), unless ZooKeeper
 *       mode's own time did not grow (within {@value #FLAT}x: a failover that waits for a session
 *       timeout is flat whatever the partitions), which is between;
 *   <li>against it when it did not grow (at most {@value #SAME}x the smallest point's ratio), or
 *       ZooKeeper mode was not slower at the largest point;
 *   <li>between otherwise.
 * </ul>
 *
 * ZooKeeper mode not finishing a point at or past {@value #PAST_PARTITIONS} where KRaft finished is
 * on the claim's side; KRaft not finishing where ZooKeeper mode finished is against it.
 *
 * <p>Controller failover waits out a timeout before any work: ZooKeeper mode's session timeout (18
 * s as shipped), KRaft's fetch timeout (2 s). Where the rows also carry a ZooKeeper-mode failover
 * with its session timeout equal to KRaft's ({@code failoverAtEqualTimeoutMs}, {@code
 * equalFailoverTimeoutMs} equal to KRaft's {@code failoverTimeoutMs}), that comparison judges
 * failover, and the failover with Kafka's defaults is quoted among the figures only: a factor that
 * is the ratio of two settings says nothing of the metadata layers.
 */
final class MetadataClaims {
  static final String FILE = "metadata-scaling.json";
  static final Evidence EVIDENCE = new Evidence(FILE, "ZooKeeper vs KRaft");

  /** The claim's own figure: the rule needs a point at or past it. */
  static final int PAST_PARTITIONS = 10_000;

  /**
   * A ratio that grew by this much, and a ratio this large: beyond the one-sample noise of a shared
   * 2-core machine, where one point's time varies by 10-30% from run to run.
   */
  static final double GROWS = 1.5;

  /** A ratio at most this much above the smallest point's has not grown (the noise of one run). */
  static final double SAME = 1.1;

  /**
   * ZooKeeper mode's own time within this factor from the smallest to the largest point is flat.
   */
  static final double FLAT = 1.25;

  /**
   * The times compared. Not {@code createAckMs}: KRaft acknowledges CreateTopics before the logs
   * exist, so the acknowledgement flatters KRaft; {@code createOnlineMs} waits for the logs. Each
   * point's times are for the same work in both modes (the same partitions created, the same
   * cluster restarted), so their ratio is comparable from point to point.
   */
  static final List<String> TIMES =
      List.of(
          MetadataRow.CREATE_ONLINE_MS, MetadataRow.RESTART_MS, MetadataRow.CONTROLLER_FAILOVER_MS);

  /** Times of whole-cluster operations, whose ZooKeeper-mode time may sit at a session timeout. */
  static final List<String> OPERATIONS =
      List.of(MetadataRow.RESTART_MS, MetadataRow.CONTROLLER_FAILOVER_MS);

  /** The failover whose timeouts differ as shipped. */
  static final String FAILOVER = MetadataRow.CONTROLLER_FAILOVER_MS;

  /** ZooKeeper mode's failover with its session timeout equal to KRaft's fetch timeout. */
  static final String EQUAL_FAILOVER = MetadataRow.FAILOVER_AT_EQUAL_TIMEOUT_MS;

  private MetadataClaims() {}

  /**
   * The rows of one mode at one partition count in one shape, one per sample: a time is the median
   * of the samples that completed and measured it, so no row is dropped for coming second.
   */
  private record Point(List<JsonNode> rows) {
    boolean ok() {
      return rows.stream().anyMatch(RunRows::ok);
    }

    /** A point the machine refused, or that the series never reached, says nothing of the mode. */
    boolean tried() {
      return rows.stream()
          .map(RunRows::status)
          .anyMatch(
              status -> status.map(s -> s != Status.REFUSED && s != Status.NOT_RUN).orElse(true));
    }

    String status() {
      return rows.stream()
          .filter(row -> !RunRows.ok(row))
          .map(row -> text(row, Row.STATUS))
          .findFirst()
          .orElse("ok");
    }

    /** The median of {@code field} over the samples that completed with it above 0, or null. */
    Double time(String field) {
      List<Double> values =
          rows.stream()
              .filter(RunRows::ok)
              .filter(row -> RunRows.positive(row, field))
              .map(row -> number(row, field))
              .sorted()
              .toList();
      int n = values.size();
      if (n == 0) {
        return null;
      }
      return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** The first sample's {@code field}, for settings that do not vary between samples. */
    Double setting(String field) {
      return rows.stream()
          .map(row -> number(row, field))
          .filter(v -> v != null)
          .findFirst()
          .orElse(null);
    }
  }

  /** One shape's points: partitions to each mode's point. */
  private record Sweep(TreeMap<Integer, Point> kraft, TreeMap<Integer, Point> zookeeper) {
    Sweep() {
      this(new TreeMap<>(), new TreeMap<>());
    }

    static void add(TreeMap<Integer, Point> mode, int partitions, JsonNode row) {
      mode.computeIfAbsent(partitions, k -> new Point(new ArrayList<>())).rows().add(row);
    }
  }

  static ClaimResult k5(RunRows run) {
    String id = "K5";
    Optional<List<JsonNode>> rows = run.rows(FILE);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    // Every row is kept: both shapes, and every sample of a point.
    Map<String, Sweep> shapes = new LinkedHashMap<>();
    for (JsonNode row : rows.get()) {
      Double partitions = number(row, MetadataRow.PARTITIONS);
      if (partitions == null) {
        continue;
      }
      Sweep sweep = shapes.computeIfAbsent(text(row, MetadataRow.SHAPE), k -> new Sweep());
      String mode = text(row, MetadataRow.MODE).toLowerCase(Locale.ROOT);
      if (mode.startsWith("kraft")) {
        Sweep.add(sweep.kraft(), partitions.intValue(), row);
      } else if (RunRows.zookeeperMode(mode)) {
        Sweep.add(sweep.zookeeper(), partitions.intValue(), row);
      }
    }
    Tally tally = new Tally();
    shapes.forEach((shape, sweep) -> judgeShape(tally, shape.isEmpty() ? "" : shape + ": ", sweep));
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(
          id, EVIDENCE, Message.of("reason.noGrowth", FILE, PAST_PARTITIONS));
    }
    return tally.result(id, EVIDENCE);
  }

  private static void judgeShape(Tally tally, String prefix, Sweep sweep) {
    // A mode that stopped where the other went on.
    for (int partitions : sweep.kraft().keySet()) {
      Point k = sweep.kraft().get(partitions);
      Point z = sweep.zookeeper().get(partitions);
      if (z == null || k.ok() == z.ok() || !k.tried() || !z.tried()) {
        continue;
      }
      String who = k.ok() ? "zookeeper" : "kraft";
      Comparison.Side side =
          partitions < PAST_PARTITIONS
              ? Comparison.Side.BETWEEN
              : k.ok() ? Comparison.Side.FOR : Comparison.Side.AGAINST;
      tally.judge(
          prefix + who + " at " + partitions + " partitions", (k.ok() ? z : k).status(), side);
    }
    for (String time : TIMES) {
      if (time.equals(FAILOVER) && !points(sweep, EQUAL_FAILOVER, FAILOVER, true).isEmpty()) {
        // Quoted, not judged: the ratio of the two modes' timeouts as shipped.
        for (int partitions : points(sweep, FAILOVER, FAILOVER, false)) {
          figures(tally, prefix + FAILOVER + " as shipped", sweep, partitions, FAILOVER, FAILOVER);
        }
        growth(tally, prefix, sweep, FAILOVER + " at equal timeouts", EQUAL_FAILOVER, true);
      } else {
        growth(tally, prefix, sweep, time, time, false);
      }
    }
  }

  /**
   * The partition counts where ZooKeeper mode measured {@code zTime} and KRaft {@code kTime}; with
   * {@code equal}, only where ZooKeeper mode's {@code equalFailoverTimeoutMs} is KRaft's {@code
   * failoverTimeoutMs}.
   */
  private static List<Integer> points(Sweep sweep, String zTime, String kTime, boolean equal) {
    List<Integer> points = new ArrayList<>();
    for (int partitions : sweep.kraft().keySet()) {
      Point z = sweep.zookeeper().get(partitions);
      Point k = sweep.kraft().get(partitions);
      if (z == null || k.time(kTime) == null || z.time(zTime) == null) {
        continue;
      }
      if (equal) {
        Double zTimeout = z.setting(MetadataRow.EQUAL_FAILOVER_TIMEOUT_MS);
        Double kTimeout = k.setting(MetadataRow.FAILOVER_TIMEOUT_MS);
        if (zTimeout == null || !zTimeout.equals(kTimeout)) {
          continue;
        }
      }
      points.add(partitions);
    }
    return points;
  }

  private static void figures(
      Tally tally, String name, Sweep sweep, int partitions, String zTime, String kTime) {
    double z = sweep.zookeeper().get(partitions).time(zTime);
    double k = sweep.kraft().get(partitions).time(kTime);
    tally.figure(name + " at " + partitions + ": zookeeper ms", z, 0);
    tally.figure(name + " at " + partitions + ": kraft ms", k, 0);
    tally.figure(name + " at " + partitions + ": zookeeper/kraft", z / k, 2);
  }

  /**
   * The ratio's growth of one time in one shape: figures per point, one comparison. ZooKeeper
   * mode's {@code zTime} is compared with KRaft's {@code controllerFailoverMs} for the
   * equal-timeout failover, with the same field otherwise.
   */
  private static void growth(
      Tally tally, String prefix, Sweep sweep, String label, String zTime, boolean equal) {
    String kTime = equal ? FAILOVER : zTime;
    List<Integer> points = points(sweep, zTime, kTime, equal);
    if (points.size() < 2 || points.get(points.size() - 1) < PAST_PARTITIONS) {
      if (equal) {
        failoverTimeouts(tally, prefix, sweep, points, true);
      }
      return;
    }
    int smallest = points.get(0);
    int largest = points.get(points.size() - 1);
    String name = prefix + label;
    for (int partitions : points) {
      if (partitions != smallest && partitions < PAST_PARTITIONS) {
        continue;
      }
      figures(tally, name, sweep, partitions, zTime, kTime);
    }
    if (kTime.equals(FAILOVER)) {
      failoverTimeouts(tally, prefix, sweep, List.of(largest), equal);
    }
    String time = kTime;
    double zSmall = sweep.zookeeper().get(smallest).time(zTime);
    double zLarge = sweep.zookeeper().get(largest).time(zTime);
    double ratioSmall = zSmall / sweep.kraft().get(smallest).time(kTime);
    double ratioLarge = zLarge / sweep.kraft().get(largest).time(kTime);
    double grew = ratioLarge / ratioSmall;
    boolean flat = OPERATIONS.contains(time) && zLarge <= zSmall * FLAT;
    Comparison.Side side;
    if (grew <= SAME || ratioLarge <= 1) {
      side = Comparison.Side.AGAINST;
    } else if (grew >= GROWS && ratioLarge >= GROWS && !flat) {
      side = Comparison.Side.FOR;
    } else {
      side = Comparison.Side.BETWEEN;
    }
    if (flat) {
      tally.figure(name + ": zookeeper flat " + smallest + "->" + largest, zLarge / zSmall, 2);
    }
    tally.compare(
        String.format(
            Locale.ROOT,
            "%s: zookeeper/kraft %.2f at %d, %.2f at %d, grew",
            name,
            ratioSmall,
            smallest,
            ratioLarge,
            largest),
        grew,
        side);
  }

  /**
   * Each mode's failover timeout (its session timeout in ZooKeeper mode) as shipped, where rows
   * state it, and with {@code equal} the session timeout of ZooKeeper mode's equal-timeout
   * failover.
   */
  private static void failoverTimeouts(
      Tally tally, String prefix, Sweep sweep, List<Integer> points, boolean equal) {
    if (points.isEmpty()) {
      return;
    }
    int partitions = points.get(points.size() - 1);
    for (var mode :
        List.of(Map.entry("zookeeper", sweep.zookeeper()), Map.entry("kraft", sweep.kraft()))) {
      Double timeout = mode.getValue().get(partitions).setting(MetadataRow.FAILOVER_TIMEOUT_MS);
      if (timeout != null) {
        tally.figure(prefix + mode.getKey() + " failover timeout ms", timeout, 0);
      }
    }
    if (equal) {
      Double timeout =
          sweep.zookeeper().get(partitions).setting(MetadataRow.EQUAL_FAILOVER_TIMEOUT_MS);
      tally.figure(prefix + "zookeeper equal-timeout failover session timeout ms", timeout, 0);
    }
  }
}
