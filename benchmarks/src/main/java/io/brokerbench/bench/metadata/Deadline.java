package io.brokerbench.bench.metadata;

import java.time.Duration;

/** The time budget of one point, on the monotonic clock. */
final class Deadline {
  private final Duration budget;
  private final long endNs;

  Deadline(Duration budget) {
    this.budget = budget;
    this.endNs = System.nanoTime() + budget.toNanos();
  }

  Duration budget() {
    return budget;
  }

  /** Milliseconds left, at least 1 (a timeout of 0 means "forever" to some clients). */
  long remainingMs() {
    return Math.max(1, (endNs - System.nanoTime()) / 1_000_000);
  }

  boolean passed() {
    return System.nanoTime() - endNs > 0;
  }

  /** Throws when the budget is spent; {@code what} is the step that was still running. */
  void check(String what) {
    if (passed()) {
      throw new PointTimeoutException(what);
    }
  }

  /** "4 min", "90 s": the budget as people write it. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 && seconds >= 60 ? seconds / 60 + " min" : seconds + " s";
  }

  /** A point ran out of its budget while {@code step} was running. */
  static final class PointTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PointTimeoutException(String step) {
      super(step);
    }
  }
}
