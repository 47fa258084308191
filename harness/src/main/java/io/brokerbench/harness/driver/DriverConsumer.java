package io.brokerbench.harness.driver;

/**
 * One running consumer of a trial, started by {@link BrokerDriver#startConsumer}. It delivers to
 * its {@link Receiver} from threads of its own until closed; it has nothing to be called for but
 * {@link #close}.
 */
public interface DriverConsumer extends AutoCloseable {

  /**
   * Stops consuming: after it returns, the {@link Receiver} is not called again. Called from the
   * harness's control thread, for a bounded time. Idempotent.
   *
   * @throws DriverException if it could not close cleanly; the harness reports it
   */
  @Override
  void close() throws DriverException;
}
