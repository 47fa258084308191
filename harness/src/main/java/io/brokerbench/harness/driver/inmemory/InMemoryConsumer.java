package io.brokerbench.harness.driver.inmemory;

import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Receiver;
import java.time.Duration;
import java.util.List;

/**
 * An {@link InMemoryDriver} consumer: one thread that drains its partitions' queues into its {@link
 * Receiver}. Its own class, as every driver's consumer is, so that the driver reads as the trial's
 * set-up.
 */
final class InMemoryConsumer implements DriverConsumer {
  /** Consumers are stopped and joined within this; they never wait longer than a park. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Most payloads a consumer hands over from one queue before it frees their slots: the producer
   * can refill while the consumer works on, and a consumer of several queues takes turns.
   */
  private static final int DRAIN_BATCH = 1024;

  private final Thread thread;
  private final OneToOneRing[] queues;
  private final Receiver receiver;
  private volatile boolean running = true;

  InMemoryConsumer(String name, List<OneToOneRing> queues, Receiver receiver) {
    this.queues = queues.toArray(new OneToOneRing[0]);
    this.receiver = receiver;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Drains every queue in turn; idle, it waits like every waiter of the rig ({@link Backoff}). */
  private void run() {
    Backoff backoff = new Backoff();
    while (running) {
      boolean any = false;
      for (OneToOneRing queue : queues) {
        any |= queue.drainTo(receiver, DRAIN_BATCH) > 0;
      }
      if (any) {
        backoff.reset();
      } else {
        backoff.idle();
      }
    }
  }

  @Override
  public void close() throws DriverException {
    running = false;
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new DriverException(
          InMemoryDriver.SYSTEM
              + ": consumer thread "
              + thread.getName()
              + " did not stop within "
              + CLOSE_TIMEOUT.toSeconds()
              + " s");
    }
  }

  String name() {
    return thread.getName();
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  void start() {
    thread.start();
  }
}
