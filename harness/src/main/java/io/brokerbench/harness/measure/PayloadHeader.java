package io.brokerbench.harness.measure;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The header the harness writes at the start of every payload, and reads back on delivery. Drivers
 * carry payloads as opaque bytes and never read or write it (the in-memory driver's fault injection
 * is the one, test-only, exception).
 *
 * <p>Layout, big-endian, {@value #BYTES} bytes; the rest of the payload is zeros (no system here
 * compresses by default, so the filler's content does not matter):
 *
 * <pre>
 * offset  size  field
 *      0     4  magic 0x42424831 ("BBH1"): tells a harness payload from anything else
 *      4     4  producerId: the harness's producer number, unique in a trial
 *      8     4  partition: the partition the harness sent the message to
 *     12     8  sequence: 0, 1, 2, ... per producer, across all its partitions
 *     20     8  intendedSendNs: System.nanoTime() at which the message was scheduled to be sent
 * </pre>
 *
 * <p>The send time is the <em>intended</em> one from the rate schedule, not the moment the send
 * call happened, so a producer that falls behind shows up in the latency (coordinated omission).
 * {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, so it is comparable between processes on
 * one host; broker timestamps are never used.
 *
 * @param producerId the producer's number, 0 or more
 * @param partition the partition the message was sent to, 0 or more
 * @param sequence the producer's message number, 0 or more
 * @param intendedSendNs the scheduled send time, from {@code System.nanoTime()}
 */
public record PayloadHeader(int producerId, int partition, long sequence, long intendedSendNs) {

  /** The header's size; the smallest message the harness can send. */
  public static final int BYTES = 28;

  static final int MAGIC = 0x42424831;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final int MAGIC_OFFSET = 0;
  private static final int PRODUCER_OFFSET = 4;
  private static final int PARTITION_OFFSET = 8;
  private static final int SEQUENCE_OFFSET = 12;
  private static final int INTENDED_SEND_OFFSET = 20;

  public PayloadHeader {
    if (producerId < 0) {
      throw new IllegalArgumentException("producerId must be 0 or more, was " + producerId);
    }
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be 0 or more, was " + partition);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
    }
  }

  /**
   * Writes this header into the first {@value #BYTES} bytes of {@code payload}.
   *
   * @throws IllegalArgumentException if the payload is shorter than the header
   */
  public void writeTo(byte[] payload) {
    write(payload, producerId, partition, sequence, intendedSendNs);
  }

  /** Writes a header without making a record: the producer's hot path. */
  public static void write(
      byte[] payload, int producerId, int partition, long sequence, long intendedSendNs) {
    if (payload.length < BYTES) {
      throw new IllegalArgumentException(
          "a payload of "
              + payload.length
              + " bytes cannot hold the "
              + BYTES
              + "-byte header; send at least "
              + BYTES
              + " bytes");
    }
    INT.set(payload, MAGIC_OFFSET, MAGIC);
    INT.set(payload, PRODUCER_OFFSET, producerId);
    INT.set(payload, PARTITION_OFFSET, partition);
    LONG.set(payload, SEQUENCE_OFFSET, sequence);
    LONG.set(payload, INTENDED_SEND_OFFSET, intendedSendNs);
  }

  /**
   * Reads the header of {@code payload}.
   *
   * @throws IllegalArgumentException if the payload does not start with a harness header
   */
  public static PayloadHeader read(byte[] payload) {
    if (!isHeader(payload)) {
      throw new IllegalArgumentException(
          "not a brokerbench payload: "
              + (payload == null ? 0 : payload.length)
              + " bytes, "
              + (payload == null || payload.length < BYTES
                  ? "shorter than the header"
                  : "no header magic"));
    }
    return new PayloadHeader(
        producerId(payload), partition(payload), sequence(payload), intendedSendNs(payload));
  }

  /**
   * Whether {@code payload} starts with a well-formed harness header. The field readers below
   * assume it does.
   */
  public static boolean isHeader(byte[] payload) {
    // A null payload (a Kafka record without a value, say) is foreign, not a failure.
    return payload != null
        && payload.length >= BYTES
        && (int) INT.get(payload, MAGIC_OFFSET) == MAGIC
        && producerId(payload) >= 0
        && partition(payload) >= 0
        && sequence(payload) >= 0;
  }

  public static int producerId(byte[] payload) {
    return (int) INT.get(payload, PRODUCER_OFFSET);
  }

  public static int partition(byte[] payload) {
    return (int) INT.get(payload, PARTITION_OFFSET);
  }

  public static long sequence(byte[] payload) {
    return (long) LONG.get(payload, SEQUENCE_OFFSET);
  }

  public static long intendedSendNs(byte[] payload) {
    return (long) LONG.get(payload, INTENDED_SEND_OFFSET);
  }
}
