package io.brokerbench.harness.workload;

/**
 * A workload file that cannot be used. The message is one line for a user: {@code
 * file:line[:column]: field: what is wrong and what to give instead}.
 */
public final class WorkloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;

  /**
   * @param source the file (or resource) name
   * @param line 1-based line, 0 when not known
   * @param column 1-based column, 0 when not known or not useful
   * @param field the field at fault, or {@code null} (a syntax error)
   * @param problem what is wrong, without the location
   */
  public WorkloadException(String source, int line, int column, String field, String problem) {
    super(location(source, line, column) + ": " + (field == null ? "" : field + ": ") + problem);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  private static String location(String source, int line, int column) {
    if (line <= 0) {
      return source;
    }
    return source + ":" + line + (column > 0 ? ":" + column : "");
  }

  public String source() {
    return source;
  }

  /** 1-based line of the fault, 0 when not known. */
  public int line() {
    return line;
  }

  /** The field at fault, or {@code null} for a syntax error. */
  public String field() {
    return field;
  }
}
