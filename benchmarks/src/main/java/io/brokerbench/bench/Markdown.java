package io.brokerbench.bench;

/** What every table of {@code REPORT.md} needs from Markdown. */
public final class Markdown {
  private Markdown() {}

  /**
   * {@code text} as one table cell: pipes and backslashes escaped, line breaks folded into one
   * space, so that a reason or a note quoting a broker's message cannot break its table.
   */
  public static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
