package io.brokerbench.bench;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of a long run on the console: which step runs now, how many are left, the time spent and
 * an estimate of the time left (the mean step so far times the steps left).
 */
public final class Progress {
  private final PrintStream out;
  private final long beganNs = System.nanoTime();
  private int totalSteps;
  private int step;

  public Progress(PrintStream out, int totalSteps) {
    this.out = out;
    this.totalSteps = totalSteps;
  }

  /**
   * Progress whose total is not known yet: the suites of a run are built with it, and then {@link
   * #expect} the sum of their steps.
   */
  public Progress(PrintStream out) {
    this(out, 0);
  }

  /** Sets the steps the run will take, before the first {@link #step}. */
  public void expect(int totalSteps) {
    this.totalSteps = totalSteps;
  }

  /** Announces the next step. */
  public void step(String what) {
    step++;
    long elapsedNs = System.nanoTime() - beganNs;
    String left =
        step == 1
            ? ""
            : " · ~"
                + format(Duration.ofNanos(elapsedNs / (step - 1) * (totalSteps - step + 1)))
                + " left";
    out.printf(
        "[brokerbench %d/%d · %s elapsed%s] %s ...%n",
        step, totalSteps, format(Duration.ofNanos(elapsedNs)), left, what);
    out.flush();
  }

  /** Reports how the step ended. */
  public void done(String outcome) {
    out.println("    " + outcome);
    out.flush();
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
