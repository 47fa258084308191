package io.brokerbench.bench.row;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * How a result row came out. Its JSON value ({@link #label}) is what the result files have always
 * said, so that runs written before and after this type read the same.
 *
 * <p>A row that is not {@link #OK} measured nothing that a verdict may use; its reason says why.
 * Only {@link #FAILED} fails the run ({@link #isFailure}): the others are decisions (a tier not
 * offered, a system not available here, a point not attempted), a finding ({@link #SATURATED}), or
 * a point that ran out of its budget ({@link #DID_NOT_FINISH}, which the metadata claims report as
 * the mode not finishing).
 */
public enum Status {
  /** Measured: the row's figures stand. */
  OK("ok"),
  /** The latency suite's system did not sustain the target rate (the reason says how it fell). */
  SATURATED("saturated"),
  /** The system has no such guarantee; it is never measured at a weaker tier in its place. */
  NOT_OFFERED("not offered"),
  /** Not available on this machine (no broker, no tool), or left out on purpose: see the reason. */
  SKIPPED("skipped"),
  /** The measurement was attempted and broke: see the reason. */
  FAILED("failed"),
  /** Metadata sweep: the machine cannot hold the point (a limit it would exceed). */
  REFUSED("refused"),
  /** Metadata sweep: not attempted, as an earlier point of its series ended the series. */
  NOT_RUN("not run"),
  /** Metadata sweep: the point ran out of its time budget. */
  DID_NOT_FINISH("did not finish");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  /** The status as the result files and reports spell it, e.g. {@code not offered}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The label, so that a status formats in text as it reads in JSON. */
  @Override
  public String toString() {
    return label;
  }

  /** True for {@link #OK}. */
  public boolean ok() {
    return this == OK;
  }

  /**
   * Whether the run broke here: {@link #FAILED} alone. A run with such a row exits non-zero;
   * skipped, not offered, refused, not run, did not finish and saturated rows are not failures.
   */
  public boolean isFailure() {
    return this == FAILED;
  }

  /**
   * The status of a row as a result file spells it: a label ({@code ok}, {@code not offered}), in
   * any case and with blanks around it, or, as metadata rows write it, a label other than {@code
   * ok} followed by its detail ({@code failed: <error>}, {@code did not finish in 5 min: <why>}).
   * An absent or empty status is {@link #OK}, as a row without one measured something. Empty for
   * anything else.
   */
  public static Optional<Status> parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (wanted.isEmpty()) {
      return Optional.of(OK);
    }
    for (Status status : values()) {
      boolean detailed =
          status != OK
              && (wanted.startsWith(status.label + ":") || wanted.startsWith(status.label + " "));
      if (wanted.equals(status.label) || detailed) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
