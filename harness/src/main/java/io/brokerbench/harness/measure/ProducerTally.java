package io.brokerbench.harness.measure;

import java.util.List;

/**
 * One producer's messages as one subscription received them. Every count is exact; the samples hold
 * the first {@value SequenceTracker#SAMPLE_LIMIT} sequence numbers of their kind, ascending.
 *
 * @param producerId the producer
 * @param sent messages the producer handed to its driver
 * @param acknowledged of those, acknowledged by the broker (0 at tier {@code none})
 * @param failed of those, reported failed by the driver (those not received are not "missing")
 * @param received distinct messages the subscription received
 * @param missing sent, not reported failed, and never received: lost
 * @param duplicates deliveries beyond the first of a message (a message delivered three times
 *     counts two)
 * @param reorderings deliveries that came after a later message of the same producer and partition,
 *     to the same consumer
 * @param lostAcknowledged acknowledged and never received: what the durability claims are about
 * @param missingSample the first missing sequence numbers
 * @param duplicateSample the first sequence numbers delivered more than once
 * @param lostAcknowledgedSample the first acknowledged-but-lost sequence numbers
 */
public record ProducerTally(
    int producerId,
    long sent,
    long acknowledged,
    long failed,
    long received,
    long missing,
    long duplicates,
    long reorderings,
    long lostAcknowledged,
    List<Long> missingSample,
    List<Long> duplicateSample,
    List<Long> lostAcknowledgedSample) {
  public ProducerTally {
    missingSample = List.copyOf(missingSample);
    duplicateSample = List.copyOf(duplicateSample);
    lostAcknowledgedSample = List.copyOf(lostAcknowledgedSample);
  }
}
