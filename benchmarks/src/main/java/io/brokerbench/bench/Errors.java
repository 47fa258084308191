package io.brokerbench.bench;

/** How a suite puts a failure into one line of a row or of the progress output. */
public final class Errors {
  private Errors() {}

  /** The first line of the exception's message, or of its {@code toString} without one. */
  public static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * The first line of the innermost cause; JMH reports a fork's failure as a suppressed exception
   * of its own "Benchmark error during the run".
   */
  public static String innermostFirstLine(Throwable e) {
    Throwable root = e;
    while (true) {
      if (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      } else if (root.getSuppressed().length > 0) {
        root = root.getSuppressed()[0];
      } else {
        break;
      }
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
