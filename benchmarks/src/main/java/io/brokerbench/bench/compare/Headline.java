package io.brokerbench.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerbench.bench.claims.RunRows;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.row.Row;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The headline figures of the class table: the few figures a class sets side by side across
 * machines, each read from one result file by field name (as the claims read them), so that a run
 * from an older or newer harness is read as long as its rows keep their names.
 *
 * <p>Each figure is chosen so that every profile measures it: the one workload every throughput run
 * has, the lowest latency target every system sustains on two cores, and the share of acknowledged
 * messages lost, which, unlike the count, does not grow with the profile's backlog.
 */
enum Headline {
  /** Delivered msg/s of the one workload every profile runs; in-memory is the harness's ceiling. */
  THROUGHPUT(
      "Throughput at 1 KiB (msg/s)",
      "Delivered msg/s of workload 1-topic-1-partition-1kb (1 KiB, one producer, one consumer),"
          + " per system and tier; in-memory is the harness's own ceiling on that machine.",
      "throughput.json",
      row ->
          "1-topic-1-partition-1kb".equals(RunRows.text(row, ThroughputRow.TOPOLOGY))
              && Double.valueOf(1024).equals(RunRows.number(row, ThroughputRow.MESSAGE_BYTES)),
      row -> RunRows.text(row, Row.SYSTEM) + " " + RunRows.text(row, ThroughputRow.TIER),
      row -> "",
      row -> RunRows.number(row, ThroughputRow.MSG_PER_SEC),
      msgPerSec -> String.format(Locale.ROOT, "%,.0f", msgPerSec)),

  /**
   * p99 at 1,000 msg/s: the lowest target of every profile, the one every system and tier sustained
   * in the reference runs, so the figure is a latency and not a queue.
   */
  LATENCY(
      "p99 latency at 1,000 msg/s (ms)",
      "p99 in ms from the intended send time at 1,000 msg/s (1 KiB, fixed arrivals), per system"
          + " and tier; a run where the system did not sustain 1,000 msg/s has no figure.",
      "latency.json",
      row ->
          Double.valueOf(1000).equals(RunRows.number(row, LatencyRow.TARGET_PER_SEC))
              && Double.valueOf(1024).equals(RunRows.number(row, LatencyRow.MESSAGE_BYTES))
              && List.of("", "fixed").contains(RunRows.text(row, LatencyRow.ARRIVALS)),
      row -> RunRows.text(row, Row.SYSTEM) + " " + RunRows.text(row, LatencyRow.TIER),
      row -> "",
      row -> {
        Double us = RunRows.number(row, LatencyRow.P99_US);
        return us == null ? null : us / 1000;
      },
      ms -> String.format(Locale.ROOT, "%,.2f", ms)),

  /** Acknowledged lost over acknowledged, per fault: the crash ledger's loss as a share. */
  ACKED_LOST(
      "Acknowledged messages lost per fault (%)",
      "Acknowledged messages lost, in % of those acknowledged (the count grows with the profile's"
          + " backlog, the share does not), per system, nodes, tier and fault: the crash ledger's"
          + " rows that acknowledged something.",
      "durability.json",
      row -> {
        Double acked = RunRows.number(row, "acked");
        return acked != null && acked > 0 && RunRows.number(row, "ackedLost") != null;
      },
      row -> {
        String nodes = RunRows.text(row, "nodes");
        return RunRows.text(row, "system")
            + ", "
            + nodes
            + ("1".equals(nodes) ? " node, " : " nodes, ")
            + RunRows.text(row, "tier")
            + ": "
            + RunRows.text(row, "fault");
      },
      // Two rows alike but for their mode (Kafka's 3 brokers with and without unclean leader
      // election) are different experiments: they stay apart and are told apart by their mode.
      row -> RunRows.text(row, "mode"),
      row -> 100 * RunRows.number(row, "ackedLost") / RunRows.number(row, "acked"),
      share -> String.format(Locale.ROOT, "%.2f %%", share));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What tells the rows of one figure apart: a label, and a detail shown only when needed. */
  record Key(String label, String detail) {}

  private final String heading;
  private final String description;
  private final String file;
  private final Predicate<JsonNode> selects;
  private final Function<JsonNode, String> label;
  private final Function<JsonNode, String> detail;
  private final Function<JsonNode, Double> value;
  private final Function<Double, String> format;

  Headline(
      String heading,
      String description,
      String file,
      Predicate<JsonNode> selects,
      Function<JsonNode, String> label,
      Function<JsonNode, String> detail,
      Function<JsonNode, Double> value,
      Function<Double, String> format) {
    this.heading = heading;
    this.description = description;
    this.file = file;
    this.selects = selects;
    this.label = label;
    this.detail = detail;
    this.value = value;
    this.format = format;
  }

  /** The figure in a few words, with its unit, for the heading above its table. */
  String heading() {
    return heading;
  }

  /** What the figure is and which rows give it, in a sentence or two. */
  String description() {
    return description;
  }

  /** The result file it is read from, e.g. {@code throughput.json}. */
  String file() {
    return file;
  }

  /** A value of this figure as the table writes it. */
  String format(double figure) {
    return format.apply(figure);
  }

  /**
   * How each key is shown: its label, and where keys share a label, the part of its detail that the
   * others do not share (the detail split at commas, the common leading parts left out), e.g.
   * "unclean leader election on" beside the Kafka cluster's row without it.
   */
  static Map<Key, String> names(Collection<Key> keys) {
    Map<String, List<Key>> byLabel = new LinkedHashMap<>();
    keys.forEach(key -> byLabel.computeIfAbsent(key.label(), k -> new ArrayList<>()).add(key));
    Map<Key, String> names = new LinkedHashMap<>();
    for (Key key : keys) {
      List<Key> alike = byLabel.get(key.label());
      if (alike.size() == 1) {
        names.put(key, key.label());
        continue;
      }
      List<List<String>> parts = alike.stream().map(k -> parts(k.detail())).toList();
      int common = 0;
      while (sharePart(parts, common)) {
        common++;
      }
      List<String> own = parts(key.detail());
      String rest = String.join(", ", own.subList(common, own.size()));
      names.put(key, rest.isEmpty() ? key.label() : key.label() + " (" + rest + ")");
    }
    return names;
  }

  private static List<String> parts(String detail) {
    return List.of(detail.split("\\s*,\\s*"));
  }

  private static boolean sharePart(List<List<String>> parts, int index) {
    return parts.stream().allMatch(p -> p.size() > index)
        && parts.stream().map(p -> p.get(index)).distinct().count() == 1;
  }

  /**
   * The run's value of this figure per key, in the file's order: the median of its measured rows
   * with that key (a row that failed, saturated or was not offered is no figure). Empty when the
   * run has no such file, as when the suite did not run.
   *
   * @throws NotAResultFolder when the file is there but is not a result file
   */
  Map<Key, Double> values(Path folder) throws NotAResultFolder {
    Map<Key, Double> values = new LinkedHashMap<>();
    Map<Key, List<Double>> samples = new LinkedHashMap<>();
    for (JsonNode row : CompareRuns.resultRows(folder.resolve(file))) {
      if (!RunRows.ok(row) || !selects.test(row)) {
        continue;
      }
      Double figure = value.apply(row);
      if (figure != null) {
        samples
            .computeIfAbsent(new Key(label.apply(row), detail.apply(row)), k -> new ArrayList<>())
            .add(figure);
      }
    }
    samples.forEach((key, list) -> values.put(key, CompareRuns.median(list)));
    return values;
  }
}
