package io.brokerbench.bench.claims;

import java.util.Arrays;

/**
 * A measured figure with the interval it is known within, or a ratio of two such figures.
 *
 * <p>A figure measured in interleaved rounds (system A, B, C, then A, B, C again, as Kalibera and
 * Jones recommend) carries one value per round. Two such figures divide round by round: drift of
 * the machine between rounds hits both sides of each quotient alike and cancels, and the ratio's
 * interval is the lowest to the highest of the per-round quotients. Without paired rounds (a row of
 * an older run, a latency point whose repeats were not interleaved, a single round) the interval is
 * the conservative one: the lowest of one side over the highest of the other, and the reverse.
 *
 * <p>A comparison counts for or against a claim only when its whole interval clears the threshold
 * (measurement rule 7); see {@link Tally#atLeast(Estimate, double, double)}.
 *
 * @param value the figure (for a ratio: the quotient of the two means)
 * @param low the lowest it may be
 * @param high the highest it may be
 * @param rounds the figure in each interleaved round, in round order; empty when not measured in
 *     rounds
 */
record Estimate(double value, double low, double high, double[] rounds) {
  Estimate {
    if (Double.isNaN(value) || Double.isNaN(low) || Double.isNaN(high) || low > high) {
      throw new IllegalArgumentException(
          "estimate: need low <= high, all numbers; was " + low + " .. " + high + ", " + value);
    }
    rounds = rounds.clone();
  }

  /** A figure known exactly (a count, or a figure whose spread was not measured). */
  static Estimate exact(double value) {
    return new Estimate(value, value, value, new double[0]);
  }

  /** A figure whose spread is its lowest and highest measurement. */
  static Estimate between(double value, double low, double high) {
    return new Estimate(value, Math.min(low, value), Math.max(high, value), new double[0]);
  }

  /** A figure measured once per round; its interval spans the rounds and the lowest/highest. */
  static Estimate ofRounds(double value, double low, double high, double[] rounds) {
    double lo = Math.min(low, value);
    double hi = Math.max(high, value);
    for (double round : rounds) {
      lo = Math.min(lo, round);
      hi = Math.max(hi, round);
    }
    return new Estimate(value, lo, hi, rounds);
  }

  /** Whether this figure and {@code other} were measured in the same interleaved rounds. */
  boolean pairedWith(Estimate other) {
    return rounds.length >= 2 && rounds.length == other.rounds.length;
  }

  /**
   * This figure over {@code other}: round by round when both were measured in the same rounds,
   * otherwise the conservative interval (lowest over highest to highest over lowest).
   */
  Estimate over(Estimate other) {
    double value = quotient(this.value, other.value);
    if (pairedWith(other)) {
      double[] quotients = new double[rounds.length];
      double lo = value;
      double hi = value;
      for (int i = 0; i < rounds.length; i++) {
        quotients[i] = quotient(rounds[i], other.rounds[i]);
        if (rounds[i] == 0 && other.rounds[i] == 0) {
          // A round in which neither side delivered anything says nothing of their ratio.
          lo = 0;
          hi = Double.POSITIVE_INFINITY;
        } else {
          lo = Math.min(lo, quotients[i]);
          hi = Math.max(hi, quotients[i]);
        }
      }
      return new Estimate(value, lo, hi, quotients);
    }
    double lo = other.high > 0 ? low / other.high : 0;
    double hi = other.low > 0 ? high / other.low : Double.POSITIVE_INFINITY;
    return new Estimate(value, Math.min(lo, value), Math.max(hi, value), new double[0]);
  }

  /**
   * {@code a / b}, where nothing over nothing is 1 (the two are equal) and something over nothing
   * is infinite, so that a zero never makes a ratio that is not a number.
   */
  private static double quotient(double a, double b) {
    if (b == 0) {
      return a == 0 ? 1 : Double.POSITIVE_INFINITY;
    }
    return a / b;
  }

  /** Whether the figure had no spread to measure: no rounds, and its interval a single value. */
  boolean isExact() {
    return rounds.length == 0 && low == value && high == value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Estimate e
        && value == e.value
        && low == e.low
        && high == e.high
        && Arrays.equals(rounds, e.rounds);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value) * 31 + Arrays.hashCode(rounds);
  }

  @Override
  public String toString() {
    return value + " [" + low + ", " + high + "]";
  }
}
