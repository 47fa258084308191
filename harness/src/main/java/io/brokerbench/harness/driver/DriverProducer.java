package io.brokerbench.harness.driver;

/**
 * One producer of a trial, made by {@link BrokerDriver#createProducer}.
 *
 * <p>Threading: {@link #send} is called by one harness thread only, the producer's own; {@link
 * #close} by the harness's control thread, after the last {@code send} has returned.
 */
public interface DriverProducer extends AutoCloseable {

  /**
   * Sends {@code payload} to partition {@code partition} of this producer's topic, asynchronously:
   * it returns once the client library has taken the message, without waiting for the broker. At
   * tier {@code ack} and {@code durable} the outcome arrives later, from any thread, as {@link
   * Acknowledgements#onAcknowledged} or {@link Acknowledgements#onFailed(byte[], Throwable)} with
   * this same array.
   *
   * <p>Blocking: only for back-pressure, while the client library or the broker cannot take more
   * (Kafka's full {@code buffer.memory}, RabbitMQ's flow control, a ZeroMQ high-water mark on a
   * blocking socket), and for no longer than a bounded time. The harness keeps its own in-flight
   * window on top, so a driver needs no window of its own.
   *
   * <p>The harness allocates a new array per message and never touches it after this call, so the
   * driver may keep it (until acknowledged, say) without copying.
   *
   * @param partition 0 to {@code partitionsPerTopic - 1}; a system without partitions maps it to
   *     its own unit (RabbitMQ: a routing key to one queue per subscription; ZeroMQ: a socket)
   * @param payload the message, header included; the driver sends it unchanged
   * @throws DriverException if the send cannot be done at all (the connection is gone); a failure
   *     of this one message is reported to {@link Acknowledgements} instead
   * @throws InterruptedException if the harness interrupted a blocked send to end the trial
   */
  void send(int partition, byte[] payload) throws DriverException, InterruptedException;

  /**
   * Stops sending: waits, for a bounded time, until every send made so far has been acknowledged or
   * reported failed (at tier {@code none}: has been handed to the network), then releases the
   * producer. No {@link Acknowledgements} call follows its return. Idempotent.
   *
   * @throws DriverException if it could not close cleanly; the harness reports it
   */
  @Override
  void close() throws DriverException;
}
