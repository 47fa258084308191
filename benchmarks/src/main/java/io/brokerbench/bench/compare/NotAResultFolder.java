package io.brokerbench.bench.compare;

/**
 * A folder that is not what {@code mvn verify -Pbench} writes, or a result file in it that cannot
 * be read; the message says which and what it lacks, in words for the user.
 */
public final class NotAResultFolder extends Exception {
  private static final long serialVersionUID = 1L;

  NotAResultFolder(String message) {
    super(message);
  }
}
