package io.brokerbench.harness.rig;

import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.Workload;
import java.time.Duration;

/**
 * One sending phase of a trial (a warm-up, a measurement): how big the messages are, when to stop,
 * and how fast to go. Sending stops at whichever limit comes first.
 *
 * @param messageBytes bytes per message, header included
 * @param messagesPerProducer stop after this many messages per producer; {@link Long#MAX_VALUE} for
 *     no limit
 * @param durationNs stop after this long; {@link Long#MAX_VALUE} for no limit
 * @param totalRatePerSec the target rate of all producers together (the OpenMessaging Benchmark's
 *     {@code producerRate}); 0 sends as fast as the in-flight window allows
 * @param arrivals how a paced phase spreads its intended send times ({@link Arrivals#FIXED_RATE}
 *     unless chosen); must be {@link Arrivals#FIXED_RATE} when unpaced
 */
public record SendPlan(
    int messageBytes,
    long messagesPerProducer,
    long durationNs,
    int totalRatePerSec,
    Arrivals arrivals) {

  public SendPlan {
    if (messageBytes < PayloadHeader.BYTES || messageBytes > Workload.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "messageBytes: "
              + messageBytes
              + " is out of range; give "
              + PayloadHeader.BYTES
              + " to "
              + Workload.MAX_MESSAGE_BYTES);
    }
    if (messagesPerProducer < 0) {
      throw new IllegalArgumentException(
          "messagesPerProducer must be 0 or more, was " + messagesPerProducer);
    }
    if (durationNs <= 0) {
      throw new IllegalArgumentException("durationNs must be positive, was " + durationNs);
    }
    if (messagesPerProducer == Long.MAX_VALUE && durationNs == Long.MAX_VALUE) {
      throw new IllegalArgumentException("a send plan needs a message count or a duration");
    }
    if (totalRatePerSec < 0) {
      throw new IllegalArgumentException(
          "totalRatePerSec must be 0 (unpaced) or more, was " + totalRatePerSec);
    }
    if (arrivals == null) {
      throw new IllegalArgumentException("arrivals is missing; use Arrivals.FIXED_RATE");
    }
    if (arrivals != Arrivals.FIXED_RATE && totalRatePerSec == 0) {
      throw new IllegalArgumentException(
          "arrivals: '" + arrivals + "' needs a rate; an unpaced phase has no schedule");
    }
  }

  /** A plan with evenly spaced intended send times when paced. */
  public SendPlan(
      int messageBytes, long messagesPerProducer, long durationNs, int totalRatePerSec) {
    this(messageBytes, messagesPerProducer, durationNs, totalRatePerSec, Arrivals.FIXED_RATE);
  }

  /** {@code messagesPerProducer} messages from each producer, as fast as the window allows. */
  public static SendPlan count(int messageBytes, long messagesPerProducer) {
    return new SendPlan(messageBytes, messagesPerProducer, Long.MAX_VALUE, 0);
  }

  /** Sends for {@code duration} at {@code totalRatePerSec} (0: unpaced). */
  public static SendPlan timed(int messageBytes, Duration duration, int totalRatePerSec) {
    return new SendPlan(messageBytes, Long.MAX_VALUE, duration.toNanos(), totalRatePerSec);
  }

  /** The measured phase of a workload. */
  public static SendPlan measurement(Workload workload) {
    return timed(workload.messageSize(), workload.testDuration(), workload.producerRate());
  }

  /** The warm-up phase of a workload; its figures are to be discarded. */
  public static SendPlan warmup(Workload workload) {
    return timed(workload.messageSize(), workload.warmupDuration(), workload.producerRate());
  }

  /** This plan with its intended send times spread as {@code newArrivals}. */
  public SendPlan withArrivals(Arrivals newArrivals) {
    return new SendPlan(
        messageBytes, messagesPerProducer, durationNs, totalRatePerSec, newArrivals);
  }

  public boolean paced() {
    return totalRatePerSec > 0;
  }
}
