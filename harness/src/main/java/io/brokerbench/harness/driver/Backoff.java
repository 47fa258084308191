package io.brokerbench.harness.driver;

import java.util.concurrent.locks.LockSupport;

/**
 * Waiting without a condition to wait on: spin a little, then yield, then park for up to 100 µs.
 * Two cores are shared by producers, consumers, a broker and the JIT, so a waiting thread must give
 * its core away soon; parking longer would add to the latencies being measured. The rig's loops and
 * the in-memory driver's ring wait this way; one instance per waiting thread.
 */
public final class Backoff {
  private int rounds;

  /** Waits a little, longer the more often it was called since the last {@link #reset}. */
  public void idle() {
    if (rounds < 20) {
      Thread.onSpinWait();
    } else if (rounds < 70) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(Math.min(100_000L, 1_000L << Math.min(rounds - 70, 7)));
    }
    rounds++;
  }

  /** Starts the next wait from a spin again. */
  public void reset() {
    rounds = 0;
  }
}
