package io.brokerbench.harness.measure;

import java.util.BitSet;

/**
 * What became of one producer's sends: which sequence numbers the broker acknowledged, which sends
 * failed, and the first failure's cause.
 *
 * <p>Not thread-safe: the harness's acknowledgement callback holds a lock around it. Memory: one
 * bit per acknowledged message.
 */
public final class SendTracker {
  private final int producerId;
  private final BitSet acknowledged = new BitSet();
  private final BitSet failed = new BitSet();
  private long acknowledgedCount;
  private long failedCount;
  private long foreign;
  private String firstFailure;

  public SendTracker(int producerId) {
    this.producerId = producerId;
  }

  private SendTracker(SendTracker other) {
    this.producerId = other.producerId;
    this.acknowledged.or(other.acknowledged);
    this.failed.or(other.failed);
    this.acknowledgedCount = other.acknowledgedCount;
    this.failedCount = other.failedCount;
    this.foreign = other.foreign;
    this.firstFailure = other.firstFailure;
  }

  /**
   * Notes the broker's acknowledgement of {@code sequence}. True the first time; false for a
   * repeated acknowledgement, and for one that is not this producer's (counted as foreign).
   */
  public boolean acknowledged(int payloadProducerId, long sequence) {
    if (!mine(payloadProducerId, sequence) || acknowledged.get((int) sequence)) {
      return false;
    }
    acknowledged.set((int) sequence);
    acknowledgedCount++;
    return true;
  }

  /** Notes a failed send of {@code sequence}, keeping the first cause for the report. */
  public void failed(int payloadProducerId, long sequence, Throwable cause) {
    if (firstFailure == null) {
      firstFailure = String.valueOf(cause);
    }
    if (mine(payloadProducerId, sequence) && !failed.get((int) sequence)) {
      failed.set((int) sequence);
      failedCount++;
    }
  }

  private boolean mine(int payloadProducerId, long sequence) {
    if (payloadProducerId != producerId
        || sequence < 0
        || sequence > SequenceTracker.MAX_SEQUENCE) {
      foreign++;
      return false;
    }
    return true;
  }

  /** A copy, for the tally; the caller holds the writer's lock. */
  public SendTracker copy() {
    return new SendTracker(this);
  }

  public int producerId() {
    return producerId;
  }

  public long acknowledgedCount() {
    return acknowledgedCount;
  }

  public long failedCount() {
    return failedCount;
  }

  /** Acknowledgements or failures for payloads that were not this producer's. */
  public long foreign() {
    return foreign;
  }

  /** The cause of the first failed send, or {@code null}. */
  public String firstFailure() {
    return firstFailure;
  }

  BitSet acknowledgedSet() {
    return acknowledged;
  }

  BitSet failedSet() {
    return failed;
  }
}
