package io.brokerbench.harness.workload;

/**
 * A workload field with a bad value. The message names the field and the value; {@link #field()}
 * lets the loader point at the line of the file that set it.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidFieldException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field's name, as in the workload file. */
  public String field() {
    return field;
  }
}
