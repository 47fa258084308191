package io.brokerbench.bench.throughput;

import io.brokerbench.bench.JmhForks;
import io.brokerbench.brokers.Broker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the broker while one trial runs in its JMH fork. A broker that dies under a trial
 * (killed, crashed, out of memory) leaves the fork's clients waiting on their own timeouts, a
 * minute or more for the trial and again in every close; the watch notices within {@link
 * #CHECK_INTERVAL_MS}, kills the fork so that JMH gives up at once, and remembers that it did, so
 * the suite can say the broker died rather than quote the fork's last words.
 */
final class BrokerWatch implements AutoCloseable {

  /** A few checks a second: cheap (a look at a process handle), quick against a trial's seconds. */
  static final long CHECK_INTERVAL_MS = 200;

  private final Thread thread;
  private final AtomicBoolean died = new AtomicBoolean();

  private BrokerWatch(Broker broker) {
    if (broker == null) {
      thread = null;
      return;
    }
    thread =
        new Thread(
            () -> {
              try {
                while (broker.isRunning()) {
                  Thread.sleep(CHECK_INTERVAL_MS);
                }
                died.set(true);
                killForks();
              } catch (InterruptedException e) {
                // The trial ended first: the normal end.
              }
            },
            "bb-broker-watch-" + broker.name());
    thread.setDaemon(true);
  }

  /** Starts watching {@code broker}; nothing is watched when it is null (no process of ours). */
  static BrokerWatch start(Broker broker) {
    BrokerWatch watch = new BrokerWatch(broker);
    if (watch.thread != null) {
      watch.thread.start();
    }
    return watch;
  }

  /** Whether the broker died while watched. */
  boolean brokerDied() {
    return died.get();
  }

  /** Stops watching; after it returns no fork is killed any more. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL to this JVM's JMH forks (a fork has no children of its own). */
  private static void killForks() {
    JmhForks.killAll(Duration.ZERO);
  }
}
