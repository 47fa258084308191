package io.brokerbench.bench.durability;

import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.measure.PayloadHeader;

/**
 * What a crash trial hands the driver as a consumer's {@link Receiver}: passes every payload on to
 * the consumer's {@link Deliveries}, and watches for the first delivery of a message meant to be
 * sent at or after the fault. The crash ledger's time to recover is that delivery's time minus the
 * fault's. Only the crash trial needs this, so it lives here and not in the driver contract.
 *
 * <p>Messages sent before the fault and delivered after it do not count, so a consumer that was
 * still emptying its buffers does not look recovered. Thread-safe as {@link Deliveries} is.
 */
final class RecoveryWatch implements Receiver {
  private final Deliveries deliveries;
  private volatile long watchFromNs = Long.MAX_VALUE;
  private volatile long firstSinceWatchNs = -1;

  RecoveryWatch(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  /**
   * The receive time is read only for the one delivery the watch is waiting for, and just before
   * {@link Deliveries} reads its own: nanoseconds apart, against a recovery in milliseconds.
   */
  @Override
  public void onPayload(byte[] payload) {
    if (firstSinceWatchNs < 0
        && PayloadHeader.isHeader(payload)
        && PayloadHeader.intendedSendNs(payload) >= watchFromNs) {
      firstSinceWatchNs = System.nanoTime();
    }
    deliveries.onPayload(payload);
  }

  @Override
  public void onFailure(Throwable cause) {
    deliveries.onFailure(cause);
  }

  /** What this consumer received, its failure: the books the watch passes payloads on to. */
  Deliveries deliveries() {
    return deliveries;
  }

  /**
   * Starts watching for the first delivery of a message meant to be sent at or after {@code fromNs}
   * ({@link System#nanoTime()}).
   */
  void watchFrom(long fromNs) {
    watchFromNs = fromNs;
  }

  /** The receive time of the first delivery {@link #watchFrom} watches for, or -1 while none. */
  long firstDeliverySinceWatchNs() {
    return firstSinceWatchNs;
  }
}
