package io.brokerbench.bench.metadata;

import io.brokerbench.bench.Markdown;
import io.brokerbench.brokers.MachineLimits;
import io.brokerbench.brokers.kafka.KafkaMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metadata suite's section of {@code REPORT.md}: the table, the ZooKeeper/KRaft ratios per
 * point, a closing note. The verdicts are the claims report's (K4, K5), not this section's.
 */
public final class MetadataTable {
  /** The partition count the classic claim names. */
  static final int CLAIM_SCALE = 10_000;

  /**
   * A time whose ZooKeeper/KRaft ratio the section shows: its name for people, ZooKeeper mode's
   * figure and KRaft's.
   */
  private record Time(
      String name, Function<MetadataRow, Long> zookeeper, Function<MetadataRow, Long> kraft) {
    Time(String name, Function<MetadataRow, Long> both) {
      this(name, both, both);
    }
  }

  private static final List<Time> TIMES =
      List.of(
          new Time("create online", MetadataRow::createOnlineMs),
          new Time("restart", MetadataRow::restartMs),
          new Time("controller failover as shipped", MetadataRow::controllerFailoverMs),
          new Time(
              "controller failover, equal timeouts",
              MetadataRow::failoverAtEqualTimeoutMs,
              MetadataRow::controllerFailoverMs));

  private MetadataTable() {}

  public static String markdown(
      MetadataPlan plan,
      MachineLimits limits,
      List<MetadataRow> rows,
      Duration wallTime,
      List<String> plots,
      String plotProblem) {
    StringBuilder md = new StringBuilder();
    md.append("## ZooKeeper vs KRaft: metadata as partitions grow\n\n");
    md.append(
        String.format(
            "Kafka 3.9.1 on %d brokers in each mode (KRaft: every broker also a controller, %d"
                + " voters; ZooKeeper mode: %s), replication factor %d, one cluster per"
                + " mode and shape that grows from point to point: a point's *created* partitions"
                + " are those that took it from the previous point's count to its own. Heaps:"
                + " KRaft %s; ZooKeeper mode %s. Both modes' clusters of a shape run side by side"
                + " and take each point in turn, the first mode alternating, so that the"
                + " machine's drift falls on both. *ack*: until"
                + " every CreateTopics request was acknowledged; *online*: until every new"
                + " partition had a leader and its log on its brokers. This plan measures %s."
                + " Point budget %s; the sweep"
                + " took %s. This machine holds at most %,d partitions per broker (open files"
                + " %,d, vm.max_map_count %,d), so at most %,d in the cluster.%n%n",
            plan.brokers(),
            plan.brokers(),
            plan.zookeeperNodes() == 1
                ? "one ZooKeeper 3.8.4"
                : "an ensemble of " + plan.zookeeperNodes() + " ZooKeeper 3.8.4 servers",
            plan.replicationFactor(),
            plan.heaps().get("kraft"),
            plan.heaps().get("zookeeper"),
            plan.measures(),
            Deadline.format(plan.pointBudget()),
            minutes(wallTime),
            limits.maxPartitionsPerBroker(),
            limits.openFiles(),
            limits.maxMapCount(),
            MetadataSuite.maxPartitions(limits, plan)));
    Markdown.Table table =
        new Markdown.Table()
            .left(
                "mode",
                "shape",
                "partitions",
                "topics",
                "create ack",
                "create online",
                "online per 1,000",
                "describe all",
                "controlled shutdown",
                "restart",
                "controller failover",
                "failover at equal timeout",
                "znodes",
                "ZK latency avg / max",
                "metadata log",
                "broker RSS (max)",
                "ZK RSS",
                "broker files / maps",
                "status");
    List<String> notes = new ArrayList<>();
    for (MetadataRow row : rows) {
      table.row(
          List.of(
              row.mode(),
              row.shape(),
              String.format("%,d", row.partitions()),
              row.topics() == 0 ? "" : String.format("%,d", row.topics()),
              seconds(row.createAckMs()),
              seconds(row.createOnlineMs()),
              row.createOnlineMsPer1000() == null
                  ? ""
                  : seconds(Math.round(row.createOnlineMsPer1000())),
              seconds(row.describeAllMs()),
              seconds(row.controlledShutdownMs()),
              seconds(row.restartMs()),
              seconds(row.controllerFailoverMs()),
              row.failoverAtEqualTimeoutMs() == null
                  ? ""
                  : seconds(row.failoverAtEqualTimeoutMs())
                      + " ("
                      + seconds(row.equalFailoverTimeoutMs())
                      + " session)",
              row.znodes() == null ? "" : String.format("%,d", row.znodes()),
              row.zkAvgLatencyMs() == null
                  ? ""
                  : String.format(
                      "%.1f / %.0f ms",
                      row.zkAvgLatencyMs(),
                      row.zkMaxLatencyMs() == null ? 0 : row.zkMaxLatencyMs()),
              mib(row.metadataLogBytes()),
              mib(row.brokerRssBytes()),
              mib(row.zkRssBytes()),
              row.brokerOpenFiles() == null
                  ? ""
                  : String.format(
                      "%,d / %,d",
                      row.brokerOpenFiles(),
                      row.brokerMemoryMaps() == null ? 0 : row.brokerMemoryMaps()),
              row.ok() ? "ok" : row.statusText().split(":")[0]));
      if (!row.ok()) {
        notes.add(
            String.format(
                "- %s, %s, %,d partitions: %s",
                row.mode(), row.shape(), row.partitions(), Markdown.oneLine(row.statusText())));
      }
    }
    md.append(table).append("\n");
    if (!notes.isEmpty()) {
      md.append(String.join("\n", notes)).append("\n\n");
    }
    md.append(
        "Empty cells: the figure does not apply to the mode (znodes and ZooKeeper latency in KRaft"
            + " mode, the metadata log in ZooKeeper mode), the plan did not measure it at that"
            + " point (shutdown, restart and failover run only at the plan's operation points), or"
            + " the point stopped before it. Waits poll every "
            + ClusterProbe.POLL.toMillis()
            + " ms.\n\n");
    md.append(failoverTimeouts(rows));
    md.append(ratios(rows));
    md.append(
        "K4's and K5's verdicts, with the figures that decided them per shape and per point, are"
            + " in the claims table at the top of this report: K5 follows how these ratios grow"
            + " from the smallest point to 10,000 partitions and beyond.\n\n");
    String closing = closingNote(rows);
    if (!closing.isEmpty()) {
      md.append(closing).append("\n");
    }
    for (String plot : plots) {
      if (plot.endsWith(".png")) {
        md.append(String.format("![%s](%s)%n%n", plot.replace(".png", ""), plot));
      }
    }
    if (!plotProblem.isEmpty()) {
      md.append("The plots could not be drawn: ")
          .append(Markdown.oneLine(plotProblem))
          .append("\n\n");
    }
    md.append("Raw rows, plan and limits: `metadata-scaling.json`.\n");
    return md.toString();
  }

  /**
   * The timeout each mode's controller failover waits out, as the rows state it: a failover near it
   * measures the setting, not the metadata layer.
   */
  static String failoverTimeouts(List<MetadataRow> rows) {
    List<String> parts = new ArrayList<>();
    for (String mode : List.of("zookeeper", "kraft")) {
      rows.stream()
          .filter(r -> r.mode().equals(mode) && r.failoverTimeoutMs() != null)
          .map(MetadataRow::failoverTimeoutMs)
          .distinct()
          .forEach(
              ms ->
                  parts.add(
                      String.format(
                          "%s mode %s (`%s`)",
                          mode.equals("kraft") ? "KRaft" : "ZooKeeper",
                          seconds(ms),
                          ClusterSettings.FAILOVER_TIMEOUTS
                              .get(mode.equals("kraft") ? KafkaMode.KRAFT : KafkaMode.ZOOKEEPER)
                              .getKey())));
    }
    String equal =
        rows.stream()
            .map(MetadataRow::equalFailoverTimeoutMs)
            .filter(ms -> ms != null)
            .distinct()
            .map(MetadataTable::seconds)
            .collect(Collectors.joining(", "));
    return parts.isEmpty()
        ? ""
        : "Controller failover waits out a timeout before any work: "
            + String.join(", ", parts)
            + " as shipped. A failover time that stays near it as partitions grow is that"
            + " setting, not growth."
            + (equal.isEmpty()
                ? ""
                : " *Failover at equal timeout*: ZooKeeper mode again, its killed controller"
                    + " running `zookeeper.session.timeout.ms` = "
                    + equal
                    + ", KRaft's fetch timeout (ZooKeeper checks for expired sessions once a"
                    + " second); K5 judges failover on this one.")
            + "\n\n";
  }

  /**
   * ZooKeeper mode's time over KRaft's (medians where a point has several samples), per shape and
   * time, at every point both modes completed: what K5's rule reads (a ratio that grows past 10,000
   * partitions, not one that is merely high).
   */
  static String ratios(List<MetadataRow> rows) {
    List<Integer> points = rows.stream().map(MetadataRow::partitions).distinct().sorted().toList();
    Markdown.Table table = new Markdown.Table().left("shape", "ZooKeeper/KRaft");
    points.forEach(p -> table.left(String.format("%,d", p)));
    for (String shape : rows.stream().map(MetadataRow::shape).distinct().toList()) {
      for (Time time : TIMES) {
        List<String> cells = new ArrayList<>(List.of(shape, time.name()));
        boolean any = false;
        for (int partitions : points) {
          List<Long> z = okTimes(rows, "zookeeper", shape, partitions, time.zookeeper());
          List<Long> k = okTimes(rows, "kraft", shape, partitions, time.kraft());
          boolean both = !z.isEmpty() && !k.isEmpty() && k.get(0) > 0;
          any |= both;
          cells.add(both ? ratio(z, k) : "");
        }
        if (any) {
          table.row(cells);
        }
      }
    }
    if (table.isEmpty()) {
      return "";
    }
    return "ZooKeeper mode's time over KRaft's at each point both completed (above 1: ZooKeeper"
        + " mode slower); where a point has several samples, the ratio of the medians and in"
        + " brackets the lowest and highest ratio any two samples give:\n\n"
        + table
        + "\n";
  }

  /** {@code time} over the point's completed samples, in increasing order. */
  private static List<Long> okTimes(
      List<MetadataRow> rows,
      String mode,
      String shape,
      int partitions,
      Function<MetadataRow, Long> time) {
    return rows.stream()
        .filter(r -> r.ok() && r.mode().equals(mode) && r.shape().equals(shape))
        .filter(r -> r.partitions() == partitions)
        .map(time)
        .filter(v -> v != null)
        .sorted()
        .toList();
  }

  /** The median of sorted {@code values}. */
  static double median(List<Long> values) {
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
  }

  /** {@code 2.10}, or with several samples {@code 2.10 (1.80-2.60)}: medians, then the extremes. */
  static String ratio(List<Long> zookeeper, List<Long> kraft) {
    String median = String.format("%.2f", median(zookeeper) / median(kraft));
    if (zookeeper.size() == 1 && kraft.size() == 1) {
      return median;
    }
    double low = (double) zookeeper.get(0) / kraft.get(kraft.size() - 1);
    double high = (double) zookeeper.get(zookeeper.size() - 1) / kraft.get(0);
    return String.format("%s (%.2f-%.2f)", median, low, high);
  }

  /**
   * Create time, controller failover and znodes at 10,000 partitions and at the largest point each
   * mode completed, per shape.
   */
  static String closingNote(List<MetadataRow> rows) {
    StringBuilder md = new StringBuilder();
    for (String shape : rows.stream().map(MetadataRow::shape).distinct().toList()) {
      for (String mode : List.of("zookeeper", "kraft")) {
        List<MetadataRow> ok =
            rows.stream()
                .filter(r -> r.shape().equals(shape) && r.mode().equals(mode) && r.ok())
                .sorted(Comparator.comparingInt(MetadataRow::partitions))
                .toList();
        if (ok.isEmpty()) {
          continue;
        }
        List<String> at = new ArrayList<>();
        Optional<MetadataRow> tenK =
            ok.stream().filter(r -> r.partitions() == CLAIM_SCALE).findFirst();
        tenK.ifPresent(r -> at.add(quote(r)));
        MetadataRow largest = ok.get(ok.size() - 1);
        if (tenK.isEmpty() || tenK.get() != largest) {
          at.add(quote(largest) + " (largest reached)");
        }
        md.append(String.format("- %s, %s: %s.%n", mode, shape, String.join("; ", at)));
      }
    }
    return md.length() == 0 ? "" : "At 10,000 partitions and at the largest point:\n\n" + md;
  }

  private static String quote(MetadataRow row) {
    List<String> parts = new ArrayList<>();
    parts.add(
        String.format(
            "at %,d: %,d created in %s (ack) / %s (online)",
            row.partitions(),
            row.createdPartitions(),
            seconds(row.createAckMs()),
            seconds(row.createOnlineMs())));
    if (row.controllerFailoverMs() != null) {
      parts.add("failover " + seconds(row.controllerFailoverMs()));
    }
    if (row.failoverAtEqualTimeoutMs() != null) {
      parts.add(
          "failover "
              + seconds(row.failoverAtEqualTimeoutMs())
              + " at a "
              + seconds(row.equalFailoverTimeoutMs())
              + " session");
    }
    if (row.znodes() != null) {
      parts.add(String.format("%,d znodes", row.znodes()));
    }
    return String.join(", ", parts);
  }

  /** {@code 850 ms}, {@code 1.25 s}, {@code 43.2 s}; empty for null. */
  public static String seconds(Long ms) {
    if (ms == null) {
      return "";
    }
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 10_000) {
      return String.format("%.2f s", ms / 1000.0);
    }
    return String.format("%.1f s", ms / 1000.0);
  }

  /** {@code 512 KiB}, {@code 381 MiB}; empty for null. */
  static String mib(Long bytes) {
    if (bytes == null) {
      return "";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%,.0f KiB", bytes / 1024.0);
    }
    return String.format("%,.0f MiB", bytes / (1024.0 * 1024.0));
  }

  private static String minutes(Duration duration) {
    long seconds = duration.toSeconds();
    return String.format("%d:%02d min", seconds / 60, seconds % 60);
  }
}
