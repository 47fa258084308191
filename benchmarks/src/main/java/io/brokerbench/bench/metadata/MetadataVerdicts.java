package io.brokerbench.bench.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The verdicts on K4 and K5, computed from the sweep's rows and nothing else.
 *
 * <ul>
 *   <li>K4 ("Kafka needs ZooKeeper"): refuted when KRaft-mode points completed, since those
 *       clusters had no ZooKeeper process at all.
 *   <li>K5 ("ZooKeeper becomes a bottleneck past ~10,000 topics/partitions"), per shape: at the
 *       largest partition count both modes completed, ZooKeeper mode's time over KRaft mode's for
 *       creation (until online), controller failover and restart. A ratio of {@value
 *       #CLEARLY_SLOWER} or more counts as clearly slower. Supported when ZooKeeper mode is clearly
 *       slower in some and KRaft mode in none, not supported when ZooKeeper mode is clearly slower
 *       in none; mixed otherwise. Below {@value #CLAIM_SCALE} partitions the verdict says it did
 *       not reach the claim's scale. The growth of each mode's creation cost per 1,000 partitions,
 *       from its smallest to its largest completed point, is given with it.
 * </ul>
 */
public final class MetadataVerdicts {
  /** A ratio of times this large is beyond the noise of a shared 2-core machine. */
  static final double CLEARLY_SLOWER = 1.5;

  /** The partition count the classic claim names. */
  static final int CLAIM_SCALE = 10_000;

  private MetadataVerdicts() {}

  /**
   * @param claim {@code K4} or {@code K5}
   * @param scope what the verdict covers, e.g. {@code many-topics}
   * @param verdict {@code refuted}, {@code supported}, {@code not supported}, {@code mixed}, {@code
   *     not tested}
   * @param evidence the figures behind it, a sentence
   */
  public record Verdict(String claim, String scope, String verdict, String evidence) {}

  public static List<Verdict> of(List<MetadataRow> rows) {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(k4(rows));
    List<String> shapes = rows.stream().map(MetadataRow::shape).distinct().toList();
    for (String shape : shapes) {
      verdicts.add(k5(rows.stream().filter(row -> row.shape().equals(shape)).toList(), shape));
    }
    if (shapes.isEmpty()) {
      verdicts.add(new Verdict("K5", "all", "not tested", "the sweep has no rows"));
    }
    return verdicts;
  }

  static Verdict k4(List<MetadataRow> rows) {
    List<MetadataRow> kraft = rows.stream().filter(row -> row.mode().equals("kraft")).toList();
    List<MetadataRow> ok = kraft.stream().filter(MetadataRow::ok).toList();
    if (ok.isEmpty()) {
      return new Verdict(
          "K4", "kraft", "not tested", "no KRaft-mode point completed (" + kraft.size() + " run)");
    }
    int largest = ok.stream().mapToInt(MetadataRow::partitions).max().orElse(0);
    boolean operations = ok.stream().anyMatch(row -> row.controllerFailoverMs() != null);
    return new Verdict(
        "K4",
        "kraft",
        "refuted",
        String.format(
            "Kafka in KRaft mode completed %d of %d points, up to %,d partitions, with no ZooKeeper"
                + " process: topics created, %sdescribed by a client.",
            ok.size(),
            kraft.size(),
            largest,
            operations
                ? "a broker stopped and restarted, the controller killed and replaced, "
                : ""));
  }

  static Verdict k5(List<MetadataRow> rows, String shape) {
    Optional<Integer> common = largestCommon(rows, row -> row.createOnlineMs());
    if (common.isEmpty()) {
      return new Verdict("K5", shape, "not tested", "no partition count completed in both modes");
    }
    int n = common.get();
    List<String> evidence = new ArrayList<>();
    int zkSlower = 0;
    int kraftSlower = 0;
    for (Metric metric : METRICS) {
      Optional<Integer> at = largestCommon(rows, metric.value);
      if (at.isEmpty()) {
        continue;
      }
      double zk = metric.value.apply(find(rows, "zookeeper", at.get())).doubleValue();
      double kraft = metric.value.apply(find(rows, "kraft", at.get())).doubleValue();
      double ratio = zk / Math.max(1, kraft);
      if (ratio >= CLEARLY_SLOWER) {
        zkSlower++;
      } else if (ratio <= 1 / CLEARLY_SLOWER) {
        kraftSlower++;
      }
      evidence.add(
          String.format(
              "%s at %,d partitions: ZooKeeper %s, KRaft %s (%.1f×)",
              metric.name,
              at.get(),
              MetadataTable.seconds((long) zk),
              MetadataTable.seconds((long) kraft),
              ratio));
    }
    for (String mode : List.of("zookeeper", "kraft")) {
      List<MetadataRow> ok =
          rows.stream()
              .filter(row -> row.mode().equals(mode) && row.ok())
              .filter(row -> row.createOnlineMsPer1000() != null)
              .sorted(Comparator.comparingInt(MetadataRow::partitions))
              .toList();
      if (ok.size() >= 2) {
        MetadataRow first = ok.get(0);
        MetadataRow last = ok.get(ok.size() - 1);
        evidence.add(
            String.format(
                "%s creation per 1,000 partitions: %s at %,d, %s at %,d (%.1f×)",
                mode,
                MetadataTable.seconds(Math.round(first.createOnlineMsPer1000())),
                first.partitions(),
                MetadataTable.seconds(Math.round(last.createOnlineMsPer1000())),
                last.partitions(),
                last.createOnlineMsPer1000() / Math.max(1, first.createOnlineMsPer1000())));
      }
    }
    String verdict;
    if (zkSlower > 0 && kraftSlower == 0) {
      verdict = "supported";
    } else if (zkSlower == 0) {
      verdict = "not supported";
    } else {
      verdict = "mixed";
    }
    if (n < CLAIM_SCALE) {
      verdict += String.format(" (below the claim's scale: largest common point %,d)", n);
    }
    return new Verdict("K5", shape, verdict, String.join("; ", evidence) + ".");
  }

  private record Metric(String name, Function<MetadataRow, Long> value) {}

  private static final List<Metric> METRICS =
      List.of(
          new Metric("creation until online", MetadataRow::createOnlineMs),
          new Metric("controller failover", MetadataRow::controllerFailoverMs),
          new Metric("restart of a broker", MetadataRow::restartMs));

  /** The largest partition count at which both modes completed and measured {@code value}. */
  private static Optional<Integer> largestCommon(
      List<MetadataRow> rows, Function<MetadataRow, Long> value) {
    return rows.stream()
        .filter(row -> row.ok() && row.mode().equals("zookeeper") && value.apply(row) != null)
        .map(MetadataRow::partitions)
        .filter(
            n -> {
              MetadataRow kraft = find(rows, "kraft", n);
              return kraft != null && kraft.ok() && value.apply(kraft) != null;
            })
        .max(Integer::compare);
  }

  private static MetadataRow find(List<MetadataRow> rows, String mode, int partitions) {
    return rows.stream()
        .filter(row -> row.mode().equals(mode) && row.partitions() == partitions)
        .findFirst()
        .orElse(null);
  }
}
