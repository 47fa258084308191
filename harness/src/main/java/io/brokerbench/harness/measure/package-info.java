/**
 * Measurement: the payload header, the clock, and the books kept on every message.
 *
 * <p>The harness owns time. Every payload starts with a {@link
 * io.brokerbench.harness.measure.PayloadHeader} (producer, partition, sequence number, intended
 * send time from {@code System.nanoTime()}) written by the harness; drivers carry it without
 * reading it. On delivery, the harness's receive callback ({@link
 * io.brokerbench.harness.driver.Deliveries}) reads the clock and records the latency in an
 * HdrHistogram {@code Recorder}, and a {@link io.brokerbench.harness.measure.SequenceTracker} per
 * consumer notes the sequence numbers; on acknowledgement a {@link
 * io.brokerbench.harness.measure.SendTracker} per producer does the same for the sending side.
 * {@link io.brokerbench.harness.measure.DeliveryTally} merges them into a {@link
 * io.brokerbench.harness.measure.DeliveryReport}: per subscription and producer, exactly which
 * messages went missing, came twice, came out of order, or were acknowledged and then lost.
 */
package io.brokerbench.harness.measure;
