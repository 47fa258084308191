package io.brokerbench.bench.claims;

import io.brokerbench.bench.claims.Comparison.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparisons one rule makes, each on the claim's side of its threshold, against it, or between
 * the two thresholds; and the figures they came from. The verdict is the same for every rule that
 * uses it: {@code supported} when every comparison is on the claim's side, {@code refuted} when
 * every one is against it, {@code nuanced} otherwise.
 */
final class Tally {
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<Comparison> comparisons = new ArrayList<>();

  /** A measured figure, rounded to {@code decimals} for the report. */
  Tally figure(String name, double value, int decimals) {
    figures.put(name, round(value, decimals));
    return this;
  }

  /** A fact that is not a number, e.g. which mode did not finish. */
  Tally note(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  /** One comparison of two figures: the ratio, rounded to 0.01, and its side. */
  Tally compare(String name, double ratio, Side side) {
    return judge(name, round(ratio, 2), side);
  }

  /**
   * One comparison of two figures with their spreads: the ratio and its interval, each rounded to
   * 0.01, and the side the whole interval is on (see {@link #atLeast(Estimate, double, double)}).
   */
  Tally compare(String name, Estimate ratio, Side side) {
    if (ratio.isExact()) {
      return compare(name, ratio.value(), side);
    }
    comparisons.add(
        new Comparison(
            name,
            round(ratio.value(), 2),
            roundedDouble(ratio.low()),
            roundedDouble(ratio.high()),
            side));
    return this;
  }

  private static Double roundedDouble(double value) {
    return Double.isInfinite(value) ? value : Math.round(value * 100) / 100.0;
  }

  /** One comparison that is a fact rather than a ratio (messages lost, a mode that ran). */
  Tally judge(String name, Object value, Side side) {
    comparisons.add(new Comparison(name, value, side));
    return this;
  }

  /** Adds another tally's figures and comparisons to this one. */
  Tally addAll(Tally other) {
    figures.putAll(other.figures);
    comparisons.addAll(other.comparisons);
    return this;
  }

  boolean isEmpty() {
    return comparisons.isEmpty();
  }

  Map<String, Object> figures() {
    return figures;
  }

  /**
   * {@code FOR} when {@code ratio >= forAtLeast}, {@code AGAINST} when {@code <= againstAtMost}.
   */
  static Side atLeast(double ratio, double forAtLeast, double againstAtMost) {
    return ratio >= forAtLeast ? Side.FOR : ratio <= againstAtMost ? Side.AGAINST : Side.BETWEEN;
  }

  /**
   * {@code FOR} when {@code ratio <= forAtMost}, {@code AGAINST} when {@code >= againstAtLeast}.
   */
  static Side atMost(double ratio, double forAtMost, double againstAtLeast) {
    return ratio <= forAtMost ? Side.FOR : ratio >= againstAtLeast ? Side.AGAINST : Side.BETWEEN;
  }

  /**
   * {@code FOR} when the whole interval is at or above {@code forAtLeast}, {@code AGAINST} when the
   * whole interval is at or below {@code againstAtMost}, {@code BETWEEN} otherwise: a comparison
   * counts for or against a claim only when its spread cannot put it on the other side.
   */
  static Side atLeast(Estimate ratio, double forAtLeast, double againstAtMost) {
    return ratio.low() >= forAtLeast
        ? Side.FOR
        : ratio.high() <= againstAtMost ? Side.AGAINST : Side.BETWEEN;
  }

  /**
   * {@code FOR} when the whole interval is at or below {@code forAtMost}, {@code AGAINST} when the
   * whole interval is at or above {@code againstAtLeast}, {@code BETWEEN} otherwise.
   */
  static Side atMost(Estimate ratio, double forAtMost, double againstAtLeast) {
    return ratio.high() <= forAtMost
        ? Side.FOR
        : ratio.low() >= againstAtLeast ? Side.AGAINST : Side.BETWEEN;
  }

  ClaimResult result(String id, Evidence evidence) {
    int total = comparisons.size();
    long supporting = comparisons.stream().filter(c -> c.side() == Side.FOR).count();
    long against = comparisons.stream().filter(c -> c.side() == Side.AGAINST).count();
    long between = total - supporting - against;
    Verdict verdict =
        supporting == total
            ? Verdict.SUPPORTED
            : against == total ? Verdict.REFUTED : Verdict.NUANCED;
    return new ClaimResult(
        id,
        verdict,
        figures,
        comparisons,
        Message.of("reason.tally", supporting, total, against, between),
        evidence);
  }

  static Object round(double value, int decimals) {
    if (decimals == 0) {
      return Math.round(value);
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
