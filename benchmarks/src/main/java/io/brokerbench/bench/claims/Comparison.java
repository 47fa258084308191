package io.brokerbench.bench.claims;

import java.util.Locale;

/**
 * One comparison a rule made: a ratio of two measured figures (or a measured fact, such as messages
 * lost) and the side of the rule's thresholds it fell on.
 *
 * @param name what was compared, e.g. {@code ack 1-topic-1-partition-1kb: kafka-kraft/rabbitmq}
 * @param value the ratio, rounded to 0.01, or the fact
 * @param low the lowest the ratio may be (its interval over the rounds or repeats, rounded to
 *     0.01), or null for a fact or a ratio without a measured spread
 * @param high the highest the ratio may be, or null
 * @param side the claim's side, against it, or between the thresholds; for a ratio with an
 *     interval, on a side only when the whole interval is
 */
public record Comparison(String name, Object value, Double low, Double high, Side side) {
  /** A comparison without an interval: a fact, or a ratio of exact figures. */
  public Comparison(String name, Object value, Side side) {
    this(name, value, null, null, side);
  }

  public enum Side {
    FOR,
    AGAINST,
    BETWEEN;

    /** {@code for}, {@code against}, {@code between}: the words in summary.json. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
