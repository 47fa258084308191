package io.brokerbench.bench.durability;

import io.brokerbench.brokers.DeliveryLog;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SequenceTracker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What consumers in child processes received, read back from their {@link DeliveryLog} files: one
 * tracker per process (a message two processes received is a duplicate), and when the first message
 * sent after a fault arrived.
 *
 * @param received one tracker per file, of the single producer {@code producerId}
 * @param firstAfterFaultNs the earliest receive time of a message whose intended send time is at or
 *     after the fault; -1 when none arrived (or there was no fault)
 */
public record RecordedDeliveries(List<SequenceTracker> received, long firstAfterFaultNs) {

  /**
   * Reads {@code files}, each written by one consumer process.
   *
   * @param faultNs when the fault took effect ({@code System.nanoTime()}), or -1 for none
   */
  static RecordedDeliveries read(List<Path> files, int producerId, long faultNs)
      throws IOException {
    List<SequenceTracker> received = new ArrayList<>();
    long firstAfterFaultNs = Long.MAX_VALUE;
    int size = DeliveryLog.recordBytes(PayloadHeader.BYTES);
    byte[] header = new byte[PayloadHeader.BYTES];
    for (Path file : files) {
      SequenceTracker tracker = new SequenceTracker(producerId, 1, 1);
      ByteBuffer records =
          ByteBuffer.wrap(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
      while (records.remaining() >= size) {
        records.get(header);
        long receivedNs = records.getLong();
        if (!PayloadHeader.isHeader(header)) {
          tracker.recordForeign();
          continue;
        }
        tracker.record(
            PayloadHeader.producerId(header),
            PayloadHeader.partition(header),
            PayloadHeader.sequence(header));
        if (faultNs >= 0 && PayloadHeader.intendedSendNs(header) >= faultNs) {
          firstAfterFaultNs = Math.min(firstAfterFaultNs, receivedNs);
        }
      }
      received.add(tracker);
    }
    return new RecordedDeliveries(
        List.copyOf(received), firstAfterFaultNs == Long.MAX_VALUE ? -1 : firstAfterFaultNs);
  }

  /** From the fault to the first delivery of a message sent after it; null when none arrived. */
  Long recoveryMs(long faultNs) {
    return faultNs < 0 || firstAfterFaultNs < 0
        ? null
        : TimeUnit.NANOSECONDS.toMillis(firstAfterFaultNs - faultNs);
  }
}
