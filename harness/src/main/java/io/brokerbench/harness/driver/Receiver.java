package io.brokerbench.harness.driver;

/**
 * Where a driver's consumer hands every payload it receives: a sink of two methods, all a driver
 * needs of the receiving side. The harness's implementation is {@link Deliveries}, which reads the
 * clock, records the latency and keeps the books; a caller that needs more of one consumer (the
 * crash trial's watch for the first delivery after a fault) wraps it in a receiver of its own, so
 * that what only it needs stays with it.
 *
 * <p>Drivers never time anything themselves; they only call {@link #onPayload} as soon as the
 * client library gives them a message. A driver may call a receiver from any thread, and from
 * several at once (one per channel or socket, say), though one thread at a time is cheapest. It
 * never blocks for long (a short lock, no I/O) and never throws: a malformed payload is counted,
 * not raised into the client library's thread.
 */
public interface Receiver {
  /**
   * A payload arrived. Call it once per delivery, as early as possible: the time of this call is
   * the message's receive time. The driver must not modify the array afterwards.
   *
   * @param payload the bytes exactly as the producer's {@link DriverProducer#send} was given them
   */
  void onPayload(byte[] payload);

  /**
   * The consumer failed and will deliver nothing more (the broker went away, the client library
   * threw in its own thread). The harness fails the trial with this cause. Call it once, from any
   * thread; later calls are ignored.
   */
  void onFailure(Throwable cause);
}
