package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * K5, ZooKeeper becomes a bottleneck past ~10,000 partitions, from the metadata sweep's rows in
 * {@code metadata-scaling.json}: {@code mode} ({@code kraft} or {@code zookeeper}), {@code
 * partitions}, the times {@code createOnlineMs}, {@code restartMs}, {@code controllerFailoverMs}
 * and {@code status} (empty or {@code ok} when measured, "did not finish in ..." otherwise).
 */
final class MetadataClaims {
  static final String FILE = "metadata-scaling.json";
  static final Evidence EVIDENCE = new Evidence(FILE, "ZooKeeper against KRaft");

  /** The claim's own figure: the rule needs a point at or past it. */
  static final int PAST_PARTITIONS = 10_000;

  /**
   * The times compared. Not {@code createAckMs}: KRaft acknowledges CreateTopics before the logs
   * exist, so the acknowledgement flatters KRaft; {@code createOnlineMs} waits for the logs.
   */
  static final List<String> TIMES = List.of("createOnlineMs", "restartMs", "controllerFailoverMs");

  private MetadataClaims() {}

  static ClaimResult k5(RunRows run) {
    String id = "K5";
    Optional<List<JsonNode>> rows = run.rows(FILE);
    if (rows.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, run.problem(FILE));
    }
    // partitions -> the first row of each mode at that count
    TreeMap<Integer, JsonNode> kraft = new TreeMap<>();
    TreeMap<Integer, JsonNode> zookeeper = new TreeMap<>();
    for (JsonNode row : rows.get()) {
      Double partitions = number(row, "partitions");
      if (partitions == null) {
        continue;
      }
      String mode = text(row, "mode").toLowerCase(Locale.ROOT);
      if (mode.startsWith("kraft")) {
        kraft.putIfAbsent(partitions.intValue(), row);
      } else if (mode.startsWith("zookeeper") || mode.startsWith("zk")) {
        zookeeper.putIfAbsent(partitions.intValue(), row);
      }
    }
    Tally tally = new Tally();
    // ZooKeeper mode that did not finish where KRaft did, past the claim's figure: the bottleneck.
    Integer commonOk = null;
    for (int partitions : kraft.descendingKeySet()) {
      JsonNode k = kraft.get(partitions);
      JsonNode z = zookeeper.get(partitions);
      if (z == null || !RunRows.ok(k)) {
        continue;
      }
      if (!RunRows.ok(z)) {
        tally.judge(
            "zookeeper at " + partitions + " partitions",
            text(z, "status"),
            partitions >= PAST_PARTITIONS ? Comparison.Side.FOR : Comparison.Side.BETWEEN);
        continue;
      }
      if (commonOk == null) {
        commonOk = partitions;
      }
    }
    if (commonOk != null) {
      JsonNode k = kraft.get(commonOk);
      JsonNode z = zookeeper.get(commonOk);
      tally.figure("largest partitions measured in both modes", commonOk, 0);
      for (String time : TIMES) {
        Double kt = number(k, time);
        Double zt = number(z, time);
        if (kt == null || zt == null || kt <= 0) {
          continue;
        }
        double ratio = zt / kt;
        tally.figure(commonOk + " partitions: kraft " + time, kt, 0);
        tally.figure(commonOk + " partitions: zookeeper " + time, zt, 0);
        Comparison.Side side =
            commonOk < PAST_PARTITIONS ? Comparison.Side.BETWEEN : Tally.atLeast(ratio, 2.0, 1.25);
        tally.compare(commonOk + " partitions: zookeeper/kraft " + time, ratio, side);
      }
      growth(tally, "kraft", kraft, commonOk);
      growth(tally, "zookeeper", zookeeper, commonOk);
      Double zkLatency = number(z, "zkMaxLatencyMs");
      if (zkLatency != null) {
        tally.figure(commonOk + " partitions: ZooKeeper max request latency ms", zkLatency, 0);
      }
    }
    if (tally.isEmpty()) {
      return ClaimResult.notMeasured(id, EVIDENCE, Message.of("reason.noCommonPoint", FILE));
    }
    return tally.result(id, EVIDENCE);
  }

  /**
   * How createOnlineMs grows from the smallest ok point to {@code to}, per partition: 1.0 is
   * linear, above 1 faster than linear. A figure for the reader, not counted in the verdict.
   */
  private static void growth(Tally tally, String mode, TreeMap<Integer, JsonNode> rows, int to) {
    for (int from : rows.keySet()) {
      JsonNode first = rows.get(from);
      if (from >= to || !RunRows.ok(first)) {
        continue;
      }
      Double a = number(first, "createOnlineMs");
      Double b = number(rows.get(to), "createOnlineMs");
      if (a != null && b != null && a > 0) {
        tally.figure(
            mode + " createOnlineMs growth " + from + "->" + to + " per partition",
            (b / a) / ((double) to / from),
            2);
      }
      return;
    }
  }
}
