package io.brokerbench.harness.driver;

/**
 * A driver whose system keeps a topic's messages after delivery, so that a new consumer can read
 * them again from the beginning: a backlog. A capability beside {@link BrokerDriver}, not part of
 * it, because only such a system (Kafka's log) has a backlog to read again; a caller that needs one
 * asks for this type and tells the user when a system is not one, instead of casting to an
 * adapter's class.
 *
 * <p>brokerbench's consumer-only measurement uses it to time a driver's consumer alone, reading a
 * topic the driver's producers filled.
 */
public interface BacklogDriver extends BrokerDriver {
  /**
   * Starts a consumer of every partition of topic {@code topic} positioned at the
   * <em>beginning</em> of the log, so that it reads what was sent before it started. Call it after
   * {@link #createProducer} and the sends, as often as wanted: each consumer reads the whole log
   * again. Every setting is that of {@link #startConsumer}; it returns once the position is fixed,
   * and the consumer hands each message to {@code receiver} from threads of its own until closed.
   *
   * @param reader names this consumer, e.g. the pass number
   * @throws DriverException if the consumer could not be started or positioned in time
   */
  DriverConsumer startBacklogConsumer(int topic, int reader, Receiver receiver)
      throws DriverException;
}
