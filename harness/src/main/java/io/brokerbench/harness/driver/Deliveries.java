package io.brokerbench.harness.driver;

import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SequenceTracker;
import org.HdrHistogram.Recorder;

/**
 * The harness's {@link Receiver}: the one place that reads the clock on the receiving side and does
 * the arithmetic. Drivers never time anything themselves; they only call {@link #onPayload} as soon
 * as the client library gives them a message.
 *
 * <p>For each payload it reads the clock first, then the {@linkplain PayloadHeader header}, then
 * records the end-to-end latency (receive time minus <em>intended</em> send time, in nanoseconds)
 * into the trial's HdrHistogram {@link Recorder}, and notes the producer's sequence number to count
 * gaps, duplicates and reorderings (see {@link SequenceTracker}). A duplicate's latency is not
 * recorded (it is counted as a duplicate instead); nor is a negative latency, which can only come
 * from clocks that disagree, and is counted. Payloads without a harness header are counted as
 * foreign. Nothing is dropped or clamped silently.
 *
 * <p>One {@code Deliveries} per consumer, the counterpart of a producer's {@link Acknowledgements}.
 * It is thread-safe: a driver may call it from any thread, and from several at once (one per
 * channel or socket, say), though one thread at a time is cheapest. It never blocks for long (a
 * short lock, no I/O) and never throws: a malformed payload is counted, not raised into the client
 * library's thread.
 */
public final class Deliveries implements Receiver {
  private final NanoClock clock;
  private final Recorder endToEndNs;
  private final SequenceTracker tracker;
  private volatile String failure;

  /**
   * @param topology the trial
   * @param topic the topic this consumer reads
   * @param endToEndNs the trial's end-to-end latency recorder, shared by all consumers
   * @param clock {@link NanoClock#SYSTEM}, or a test's clock
   */
  public Deliveries(Topology topology, int topic, Recorder endToEndNs, NanoClock clock) {
    this.clock = clock;
    this.endToEndNs = endToEndNs;
    this.tracker =
        new SequenceTracker(
            topology.producerId(topic, 0),
            topology.producersPerTopic(),
            topology.partitionsPerTopic());
  }

  @Override
  public void onPayload(byte[] payload) {
    final long receivedNs = clock.nanoTime();
    if (!PayloadHeader.isHeader(payload)) {
      synchronized (this) {
        tracker.recordForeign();
      }
      return;
    }
    final long intendedNs = PayloadHeader.intendedSendNs(payload);
    final long latencyNs = receivedNs - intendedNs;
    final SequenceTracker.Outcome outcome;
    synchronized (this) {
      outcome =
          tracker.record(
              PayloadHeader.producerId(payload),
              PayloadHeader.partition(payload),
              PayloadHeader.sequence(payload));
      if (outcome == SequenceTracker.Outcome.FIRST && latencyNs < 0) {
        tracker.recordNegativeLatency();
      }
    }
    if (outcome == SequenceTracker.Outcome.FIRST && latencyNs >= 0) {
      endToEndNs.recordValue(latencyNs);
    }
  }

  @Override
  public void onFailure(Throwable cause) {
    synchronized (this) {
      if (failure == null) {
        failure = String.valueOf(cause);
      }
    }
  }

  // --- For the harness ------------------------------------------------------------------------

  /**
   * Messages of the topic's {@code producerIndex}-th producer this consumer has received at least
   * once; for the producers' in-flight window, from any thread.
   */
  public long delivered(int producerIndex) {
    return tracker.delivered(producerIndex);
  }

  /** A consistent copy of what this consumer has received so far. */
  public synchronized SequenceTracker snapshot() {
    return tracker.copy();
  }

  /** The failure the driver reported, or {@code null}. */
  public String failure() {
    return failure;
  }
}
