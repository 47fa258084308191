package io.brokerbench.brokers;

import java.time.Duration;

/**
 * A broker (or a cluster of them, or a brokerless peer) that brokerbench runs on 127.0.0.1.
 *
 * <p>The lifecycle is the one faults are made of: {@link #start()} returns only once the broker
 * answers a real request (never after a sleep); {@link #stop()} is a clean shutdown; {@link
 * #kill()} is a crash; {@link #pause()} and {@link #resume()} freeze and thaw it; {@link
 * #restart()} starts it again on the same data directories and the same ports.
 *
 * <p>Every method blocks until its effect is complete (the process has exited, the broker answers)
 * and throws {@link BrokerStartException} when a start fails. Methods are not meant to be called
 * concurrently for one broker. {@link #close()} stops the broker and never throws for a broker that
 * is already down, so try-with-resources always leaves nothing running.
 */
public interface Broker extends AutoCloseable {

  /** The name used in messages and results, e.g. {@code kafka-kraft-1}. */
  String name();

  /** Starts the processes and waits until the broker answers. */
  void start();

  /** Stops cleanly (SIGTERM, timed), falling back to SIGKILL. */
  void stop();

  /** SIGKILL: the process ends at once, as in a crash. */
  void kill();

  /** SIGSTOP: the broker stays in memory but does not answer. */
  void pause();

  /** SIGCONT after {@link #pause()}; returns once the broker answers again. */
  void resume();

  /** Starts again on the same data and ports after {@link #stop()} or {@link #kill()}. */
  default void restart() {
    if (isRunning()) {
      stop();
    }
    start();
  }

  /** True while every process of this broker is alive. */
  boolean isRunning();

  /** How long the last {@link #start()} took from launching the processes until they answered. */
  Duration lastStartToReady();

  /** What was started: software, version, mode, ports, pids and configuration. */
  Description describe();

  @Override
  default void close() {
    stop();
  }
}
