package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.RunRows.family;
import static io.brokerbench.bench.claims.RunRows.number;
import static io.brokerbench.bench.claims.RunRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.SystemUnderTest.Family;
import io.brokerbench.bench.throughput.ThroughputRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code throughput.json} that the speed claims read ({@link ThroughputClaims}, {@link
 * ScalingClaims}, and K6 in {@link FootprintClaims}): each ok row with its rate and spread, the
 * rows set aside and why, and the selections by family the rules share.
 */
final class ThroughputRows {
  private ThroughputRows() {}

  /**
   * One ok throughput row that may decide a verdict.
   *
   * @param rate delivered msg/s with its spread: per interleaved round where the run measured
   *     rounds, else the slowest and fastest measurement iteration
   * @param connections the TCP connections its workload had open, 0 when not counted
   */
  record Tp(
      String system, String tier, String topology, int bytes, Estimate rate, int connections) {
    /** A row whose figure has no measured spread (tests, and rows of runs without one). */
    Tp(String system, String tier, String topology, int bytes, double msgPerSec, int connections) {
      this(system, tier, topology, bytes, Estimate.exact(msgPerSec), connections);
    }

    double msgPerSec() {
      return rate.value();
    }

    String where() {
      return tier + " " + topology;
    }

    boolean matches(Tp other) {
      return tier.equals(other.tier) && topology.equals(other.topology) && bytes == other.bytes;
    }
  }

  /**
   * The ok rows that may decide a verdict: a row the run found limited by the harness's own
   * in-flight window ({@code harnessBound}) or not steady over its measurement ({@code unsettled})
   * measured something else than the system, and is left out (see {@link #setAside}).
   */
  static List<Tp> throughput(List<JsonNode> rows) {
    List<Tp> list = new ArrayList<>();
    for (JsonNode row : rows) {
      Double msgPerSec = number(row, ThroughputRow.MSG_PER_SEC);
      if (!RunRows.ok(row) || msgPerSec == null || msgPerSec <= 0 || setAside(row) != null) {
        continue;
      }
      Double bytes = number(row, ThroughputRow.MESSAGE_BYTES);
      Double connections = number(row, ThroughputRow.CONNECTIONS);
      list.add(
          new Tp(
              RunRows.system(row),
              text(row, ThroughputRow.TIER),
              text(row, ThroughputRow.TOPOLOGY),
              bytes == null ? 0 : bytes.intValue(),
              rate(row, msgPerSec),
              connections == null ? 0 : connections.intValue()));
    }
    return list;
  }

  /** Why an ok row may not decide a verdict ("harness-bound", "unsettled"), or null. */
  static String setAside(JsonNode row) {
    if (row.path(ThroughputRow.HARNESS_BOUND).asBoolean(false)) {
      return "harness-bound";
    }
    if (row.path(ThroughputRow.UNSETTLED).asBoolean(false)) {
      return "unsettled";
    }
    return null;
  }

  /** The ok rows left out of the verdicts, each named with why: beside the verdicts they skip. */
  static void noteSetAside(List<JsonNode> rows, Tally tally) {
    List<String> names = new ArrayList<>();
    for (JsonNode row : rows) {
      String why = RunRows.ok(row) ? setAside(row) : null;
      if (why != null) {
        names.add(
            RunRows.system(row)
                + " "
                + text(row, ThroughputRow.TIER)
                + " "
                + text(row, ThroughputRow.TOPOLOGY)
                + ": "
                + why);
      }
    }
    if (!names.isEmpty()) {
      tally.note("rows set aside", String.join("; ", names));
    }
  }

  /**
   * A row's delivered msg/s with its spread: its per-round figures ({@code rounds}) where it has
   * them, and its slowest and fastest measurement iteration in any case.
   */
  private static Estimate rate(JsonNode row, double msgPerSec) {
    Double min = number(row, ThroughputRow.MIN_PER_SEC);
    Double max = number(row, ThroughputRow.MAX_PER_SEC);
    double low = min == null || min <= 0 ? msgPerSec : min;
    double high = max == null || max <= 0 ? msgPerSec : max;
    JsonNode rounds = row.get(ThroughputRow.ROUNDS);
    double[] perRound = new double[0];
    if (rounds != null && rounds.isArray()) {
      perRound = new double[rounds.size()];
      for (int i = 0; i < rounds.size(); i++) {
        perRound[i] = rounds.get(i).asDouble();
      }
    }
    return Estimate.ofRounds(msgPerSec, low, high, perRound);
  }

  static List<Tp> ofFamily(List<Tp> rows, Family family) {
    return rows.stream().filter(row -> family(row.system()) == family).toList();
  }

  /**
   * ZeroMQ as the claims mean it: brokerless, producers connected straight to consumers. The rows
   * of ZeroMQ through a proxy ({@code zeromq-proxy}) are the remedy Z4 reports beside its verdict,
   * not the ZeroMQ that Z1 and Z4 judge.
   */
  static List<Tp> brokerlessZeroMq(List<Tp> rows) {
    return ofFamily(rows, Family.ZEROMQ).stream().filter(row -> !proxied(row)).toList();
  }

  private static boolean proxied(Tp row) {
    return SystemUnderTest.of(row.system()).orElse(null) == SystemUnderTest.ZEROMQ_PROXY;
  }

  /** The rows of ZeroMQ through a proxy with {@code row}'s tier, workload and size. */
  static List<Tp> proxiedTwins(List<Tp> all, Tp row) {
    return ofFamily(all, Family.ZEROMQ).stream()
        .filter(proxy -> proxied(proxy) && proxy.matches(row))
        .toList();
  }
}
