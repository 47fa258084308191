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
}
