package io.brokerbench.bench.claims;

import java.util.Locale;

/** What the measurements of one run say about a claim. */
public enum Verdict {
  /** Every comparison the rule makes came out on the claim's side of its threshold. */
  SUPPORTED("supported", "✓", "🟢"),
  /** Every comparison came out on the other side. */
  REFUTED("refuted", "✗", "🔴"),
  /** The comparisons disagree, or fell between the thresholds: the claim holds only in part. */
  NUANCED("nuanced", "≈", "🟡"),
  /** The rows the rule needs are not in the run; the result says which and why. */
  NOT_MEASURED("not measured", "–", "⚪");

  private final String word;
  private final String symbol;
  private final String emoji;

  Verdict(String word, String symbol, String emoji) {
    this.word = word;
    this.symbol = symbol;
    this.emoji = emoji;
  }

  /**
   * The sign on the verdict's badge in report.html, beside its colour and its word, so that the
   * verdict reads without colour too (a grey-scale projector, a colour-blind reader).
   */
  public String symbol() {
    return symbol;
  }

  /** The coloured circle before the verdict in REPORT.md, where Markdown has no colours. */
  public String emoji() {
    return emoji;
  }

  /** The verdict's CSS class in report.html, e.g. {@code v-not-measured}. */
  public String cssClass() {
    return "v-" + word.replace(' ', '-');
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
