package io.brokerbench.bench.row;

/**
 * What every suite's result row says besides its figures: which system, how it came out, and why
 * when not {@link Status#OK}. Records implement it with components of these names, so that the JSON
 * fields are {@value #SYSTEM}, {@value #STATUS} and {@value #REASON} in every result file (a row
 * whose JSON spells one differently says so).
 */
public interface Row {
  /** The JSON field of {@link #system}. */
  String SYSTEM = "system";

  /** The JSON field of {@link #status}. */
  String STATUS = "status";

  /** The JSON field of {@link #reason}. */
  String REASON = "reason";

  /** The system's label as the row names it, e.g. {@code kafka-kraft}. */
  String system();

  /** How the row came out. */
  Status status();

  /** Why the row is not ok, one sentence or more; empty when ok. */
  String reason();

  /** Whether the row measured something that a verdict may use. */
  default boolean ok() {
    return status().ok();
  }
}
