package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;
import static io.brokerbench.bench.claims.ThroughputClaims.LATENCY;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.latency.LatencyRow;
import io.brokerbench.bench.latency.LatencySuite;
import io.brokerbench.bench.latency.SearchRow;
import io.brokerbench.bench.row.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency half of R1 and Z1 ({@link ThroughputClaims}), from {@code latency.json}: each
 * system's highest sustained rate and its p99 at the highest target rate two systems both
 * sustained, compared across families, with the intervals that decide whether a ratio counts.
 */
final class LatencyComparisons {
  private LatencyComparisons() {}

  /**
   * Latency comparisons of {@code subject} with each system of the other families, per tier: the
   * highest rate each sustained and the p99 at the highest target rate both sustained. For R1
   * ({@code fast == false}) the subject is slow when its highest rate is below 0.5x (against at
   * 0.67x or more) or its p99 at least 2x (against at 1.5x or less); for Z1 ({@code fast == true})
   * it is fast when its highest rate is at least 2x (against at 1x or less) and its p99 at most
   * 0.5x (against at 1x or more).
   *
   * <p>Each side counts only when the whole interval clears it. A highest sustained rate is known
   * between the highest rate measured as sustained (its proven lower bound) and the lowest measured
   * as saturated (unbounded when none was), so a ratio of two is between the lower bound of one
   * over the upper bound of the other and the reverse. A p99 is known between its lowest and
   * highest repeat; a point whose repeats disagree ({@code repeatsAgree: false}) counts as between,
   * so does one whose long tail the machine's holds may have made alone ({@link
   * LatencyRow#tailHeldByMachine}), and two points that both sit at the harness's own floor ({@code
   * atHarnessFloor}) are not compared: the harness, not the systems, set both.
   */
  static void compareLatency(
      RunRows run,
      List<JsonNode> rows,
      Family subject,
      Family otherFamily,
      List<Family> moreFamilies,
      boolean fast,
      Tally tally) {
    List<Family> others = new ArrayList<>(moreFamilies);
    others.add(0, otherFamily);
    Map<String, Estimate> highest = highestSustained(run, rows);
    // (system, tier, bytes, rate) -> an ok (sustained) row
    Map<String, JsonNode> points = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      Double value = number(row, LatencyRow.P99_US);
      Double rate = number(row, LatencyRow.TARGET_PER_SEC);
      if (RunRows.ok(row) && value != null && rate != null && rate > 0) {
        points.putIfAbsent(
            RunRows.system(row)
                + "|"
                + text(row, LatencyRow.TIER)
                + "|"
                + text(row, LatencyRow.MESSAGE_BYTES)
                + "|"
                + rate.longValue(),
            row);
      }
    }
    for (String a : highest.keySet()) {
      String[] as = a.split("\\|");
      if (family(as[0]) != subject) {
        continue;
      }
      for (String b : highest.keySet()) {
        String[] bs = b.split("\\|");
        if (!others.contains(family(bs[0])) || !as[1].equals(bs[1])) {
          continue;
        }
        String tier = as[1];
        Estimate ratio = highest.get(a).over(highest.get(b));
        tally.figure(tier + ": " + as[0] + " highest sustained msg/s", highest.get(a).value(), 0);
        tally.figure(tier + ": " + bs[0] + " highest sustained msg/s", highest.get(b).value(), 0);
        tally.compare(
            tier + ": highest sustained " + as[0] + "/" + bs[0],
            ratio,
            fast ? Tally.atLeast(ratio, 2.0, 1.0) : Tally.atMost(ratio, 0.5, 1 / 1.5));
        comparePercentile(points, as[0], bs[0], tier, fast, tally);
      }
    }
  }

  /** The p99 comparison of two systems at the highest target rate both sustained, one size. */
  private static void comparePercentile(
      Map<String, JsonNode> points,
      String systemA,
      String systemB,
      String tier,
      boolean fast,
      Tally tally) {
    long bestRate = -1;
    JsonNode bestA = null;
    JsonNode bestB = null;
    for (Map.Entry<String, JsonNode> pa : points.entrySet()) {
      String[] ka = pa.getKey().split("\\|");
      if (!ka[0].equals(systemA) || !ka[1].equals(tier)) {
        continue;
      }
      String keyB = systemB + "|" + tier + "|" + ka[2] + "|" + ka[3];
      long rate = Long.parseLong(ka[3]);
      if (points.containsKey(keyB) && rate > bestRate) {
        bestRate = rate;
        bestA = pa.getValue();
        bestB = points.get(keyB);
      }
    }
    if (bestA == null) {
      return;
    }
    String at = tier + " at " + bestRate + " msg/s: ";
    if (atFloor(bestA) && atFloor(bestB)) {
      tally.note(at + "p99 " + systemA + "/" + systemB, "both at the harness floor, not compared");
      return;
    }
    Estimate pa = p99(bestA);
    Estimate pb = p99(bestB);
    Estimate ratio = pa.over(pb);
    tally.figure(at + systemA + " p99 µs", pa.value(), 1);
    tally.figure(at + systemB + " p99 µs", pb.value(), 1);
    Comparison.Side side = fast ? Tally.atMost(ratio, 0.5, 1.0) : Tally.atLeast(ratio, 2.0, 1.5);
    if (!agrees(bestA) || !agrees(bestB)) {
      side = Comparison.Side.BETWEEN; // a point whose repeats disagree decides nothing
    }
    if (heldTail(bestA) || heldTail(bestB)) {
      side = Comparison.Side.BETWEEN; // nor one whose tail the machine's holds may have made
    }
    tally.compare(at + "p99 " + systemA + "/" + systemB, ratio, side);
  }

  private static boolean atFloor(JsonNode row) {
    return row.path(LatencyRow.AT_HARNESS_FLOOR).asBoolean(false);
  }

  private static boolean heldTail(JsonNode row) {
    return LatencyRow.tailHeldByMachine(
        number(row, LatencyRow.P50_US),
        number(row, LatencyRow.P99_US),
        number(row, LatencyRow.WAKE_LATE_MAX_MS));
  }

  private static boolean agrees(JsonNode row) {
    return row.path(LatencyRow.REPEATS_AGREE).asBoolean(true);
  }

  /** A point's p99 with the spread of its repeats. */
  private static Estimate p99(JsonNode row) {
    double p99 = number(row, LatencyRow.P99_US);
    Double min = number(row, LatencyRow.P99_MIN_US);
    Double max = number(row, LatencyRow.P99_MAX_US);
    return Estimate.between(p99, min == null ? p99 : min, max == null ? p99 : max);
  }

  /**
   * (system|tier) to the highest rate it sustained, known between its proven lower bound (the
   * highest rate measured as sustained: a search's {@code provenLowerPerSec} or {@code
   * highestSustainedPerSec}, or the highest target rate of an ok row) and the lowest rate measured
   * as saturated above it (a search's {@code bracketHighPerSec} or a saturated row), unbounded when
   * nothing above it saturated.
   */
  private static Map<String, Estimate> highestSustained(RunRows run, List<JsonNode> rows) {
    Map<String, Double> lower = new LinkedHashMap<>();
    Map<String, Double> upper = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      Double rate = number(row, LatencyRow.TARGET_PER_SEC);
      if (rate == null || rate <= 0) {
        continue;
      }
      String key = RunRows.system(row) + "|" + text(row, LatencyRow.TIER);
      if (RunRows.ok(row)) {
        lower.merge(key, rate, Math::max);
      } else if (RunRows.status(row).orElse(null) == Status.SATURATED) {
        upper.merge(key, rate, Math::min);
      }
    }
    run.document(LATENCY)
        .map(doc -> doc.get(LatencySuite.SEARCHES))
        .filter(JsonNode::isArray)
        .ifPresent(
            searches ->
                searches.forEach(
                    search -> {
                      String key = RunRows.system(search) + "|" + text(search, SearchRow.TIER);
                      Double proven = number(search, SearchRow.PROVEN_LOWER_PER_SEC);
                      Double rate =
                          proven != null
                              ? proven
                              : number(search, SearchRow.HIGHEST_SUSTAINED_PER_SEC);
                      if (rate != null && rate > 0) {
                        lower.merge(key, rate, Math::max);
                      }
                      Double bracket = number(search, SearchRow.BRACKET_HIGH_PER_SEC);
                      if (bracket != null && bracket > 0) {
                        upper.merge(key, bracket, Math::min);
                      }
                    }));
    Map<String, Estimate> highest = new LinkedHashMap<>();
    lower.forEach(
        (key, low) -> {
          Double high = upper.get(key);
          double top = high == null || high <= low ? Double.POSITIVE_INFINITY : high;
          highest.put(key, new Estimate(low, low, top, new double[0]));
        });
    return highest;
  }
}
