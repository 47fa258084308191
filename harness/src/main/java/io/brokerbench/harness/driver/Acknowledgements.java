package io.brokerbench.harness.driver;

import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SendTracker;
import org.HdrHistogram.Recorder;

/**
 * Where a driver's producer reports what became of each send: acknowledged by the broker, or
 * failed. The one place that reads the clock on the sending side: publish latency is the time of
 * {@link #onAcknowledged} minus the message's <em>intended</em> send time, in nanoseconds, so a
 * producer that fell behind its schedule shows it (coordinated omission).
 *
 * <p>What counts as an acknowledgement depends on the tier ({@link
 * io.brokerbench.harness.workload.GuaranteeTier}): Kafka's send callback at {@code acks=1} or
 * {@code acks=all}, RabbitMQ's publisher confirm. At tier {@code none} a driver never calls {@link
 * #onAcknowledged} (Kafka's callback at {@code acks=0} acknowledges nothing), but still reports
 * failures it learns of.
 *
 * <p>One {@code Acknowledgements} per producer. Thread-safe: a driver may call it from any thread
 * (the client library's I/O thread, typically), also from inside {@link DriverProducer#send}. It
 * never blocks for long and never throws. A RabbitMQ confirm with {@code multiple=true} is one
 * {@link #onAcknowledged} call per message it covers.
 */
public final class Acknowledgements {
  private final NanoClock clock;
  private final Recorder publishNs;
  private final SendTracker tracker;
  private volatile long acknowledged;
  private volatile long failed;
  private volatile String producerFailure;

  /**
   * @param producerId the trial-wide id of the producer ({@link Topology#producerId})
   * @param publishNs the trial's publish latency recorder, shared by all producers
   * @param clock {@link NanoClock#SYSTEM}, or a test's clock
   */
  public Acknowledgements(int producerId, Recorder publishNs, NanoClock clock) {
    this.clock = clock;
    this.publishNs = publishNs;
    this.tracker = new SendTracker(producerId);
  }

  /**
   * The broker acknowledged this message, at the strength of the trial's tier.
   *
   * @param payload the same array that was given to {@link DriverProducer#send}
   */
  public void onAcknowledged(byte[] payload) {
    final long acknowledgedNs = clock.nanoTime();
    if (!PayloadHeader.isHeader(payload)) {
      synchronized (this) {
        tracker.acknowledged(-1, -1);
      }
      return;
    }
    final long latencyNs = acknowledgedNs - PayloadHeader.intendedSendNs(payload);
    final boolean first;
    synchronized (this) {
      first =
          tracker.acknowledged(PayloadHeader.producerId(payload), PayloadHeader.sequence(payload));
      if (first) {
        acknowledged = tracker.acknowledgedCount();
      }
    }
    if (first && latencyNs >= 0) {
      publishNs.recordValue(latencyNs);
    }
  }

  /**
   * The send of this message failed: the client library gave up on it, or the broker refused it (a
   * RabbitMQ nack, a Kafka callback with an exception). The message may or may not arrive; it is
   * reported as failed, not as lost.
   *
   * @param payload the same array that was given to {@link DriverProducer#send}
   * @param cause what the client library said
   */
  public void onFailed(byte[] payload, Throwable cause) {
    synchronized (this) {
      boolean header = PayloadHeader.isHeader(payload);
      tracker.failed(
          header ? PayloadHeader.producerId(payload) : -1,
          header ? PayloadHeader.sequence(payload) : -1,
          cause);
      failed = tracker.failedCount();
    }
  }

  /**
   * The producer failed as a whole (its connection is gone) and will acknowledge nothing more. The
   * harness fails the trial with this cause.
   */
  public void onFailed(Throwable cause) {
    synchronized (this) {
      if (producerFailure == null) {
        producerFailure = String.valueOf(cause);
      }
    }
  }

  // --- For the harness ------------------------------------------------------------------------

  /** Messages acknowledged so far; from any thread. */
  public long acknowledged() {
    return acknowledged;
  }

  /** Sends reported failed so far; from any thread. */
  public long failed() {
    return failed;
  }

  /** The producer's failure as a whole ({@link #onFailed(Throwable)}), or {@code null}. */
  public String failure() {
    return producerFailure;
  }

  /** A consistent copy of the acknowledgements and failures so far. */
  public synchronized SendTracker snapshot() {
    return tracker.copy();
  }
}
