package io.brokerbench.bench.claims;

import java.util.Locale;

/** What the measurements of one run say about a claim. */
public enum Verdict {
  /** Every comparison the rule makes came out on the claim's side of its threshold. */
  SUPPORTED("supported"),
  /** Every comparison came out on the other side. */
  REFUTED("refuted"),
  /** The comparisons disagree, or fell between the thresholds: the claim holds only in part. */
  NUANCED("nuanced"),
  /** The rows the rule needs are not in the run; the result says which and why. */
  NOT_MEASURED("not measured");

  private final String word;

  Verdict(String word) {
    this.word = word;
  }

  /** The word in summary.json and the English report, e.g. {@code not measured}. */
  public String word() {
    return word;
  }

  /** The key of the word in the message bundle, e.g. {@code verdict.not_measured}. */
  public String messageKey() {
    return "verdict." + name().toLowerCase(Locale.ROOT);
  }
}
