package io.brokerbench.harness.measure;

import java.util.BitSet;
import java.util.List;

/**
 * The crash ledger of one producer and one subscription, in the manner of Jepsen: every message is
 * (producer, sequence number); the producer's side knows which sends the broker acknowledged and
 * which it reported failed, the consumers' side knows which arrived and how often. Every count is
 * exact.
 *
 * <p>A send that was neither acknowledged nor reported failed when the producer stopped waiting is
 * <em>indeterminate</em> (its acknowledgement never came: the broker died with it in flight, or the
 * client timed out). At tier {@code none} nothing is ever acknowledged, so no send is
 * indeterminate: they are all simply unacknowledged.
 *
 * <p>The producer may be several producer objects in a row (a new connection after the broker came
 * back) with one producer id and consecutive sequence numbers; the consumers may be several too (a
 * consumer before the crash and one after it). Their trackers are merged: a message that reached
 * the consumer before the crash and again the one after it is a duplicate, which is what a
 * redelivery is.
 *
 * @param sent messages handed to the producers, sequence numbers 0 to {@code sent - 1}
 * @param acked of those, acknowledged by the broker
 * @param failed of those, reported failed by the client and never acknowledged
 * @param indeterminate of those, neither acknowledged nor failed (0 at tier {@code none})
 * @param received distinct messages that reached the subscription
 * @param ackedLost acknowledged and never received: what "durable" promises cannot happen
 * @param unackedLost not acknowledged (failed, indeterminate, or at tier {@code none} any) and
 *     never received
 * @param recovered failed or indeterminate, yet received
 * @param duplicates deliveries beyond the first of a message, over all consumers
 * @param reordered deliveries that came after a later message of the same producer, to the same
 *     consumer (per-producer inversions)
 * @param foreign deliveries that were not this producer's messages
 * @param ackedLostSample the first acknowledged-but-lost sequence numbers
 */
public record Ledger(
    long sent,
    long acked,
    long failed,
    long indeterminate,
    long received,
    long ackedLost,
    long unackedLost,
    long recovered,
    long duplicates,
    long reordered,
    long foreign,
    List<Long> ackedLostSample) {

  public Ledger {
    ackedLostSample = List.copyOf(ackedLostSample);
  }

  /**
   * Settles the ledger.
   *
   * @param sent messages handed to the producers, numbered 0 to {@code sent - 1}
   * @param acknowledgementsExpected false at tier {@code none}, where no send is indeterminate
   * @param sends copies of the send trackers of the producer objects, all with one producer id
   * @param consumers copies of the trackers of every consumer of the subscription, before and after
   *     the fault, with that producer as their topic's first
   */
  public static Ledger settle(
      long sent,
      boolean acknowledgementsExpected,
      List<SendTracker> sends,
      List<SequenceTracker> consumers) {
    if (sent < 0 || sent > SequenceTracker.MAX_SEQUENCE + 1) {
      throw new IllegalArgumentException("sent must be 0 to 2^31 - 1, was " + sent);
    }
    int n = (int) sent;
    BitSet acked = new BitSet();
    BitSet failed = new BitSet();
    for (SendTracker send : sends) {
      acked.or(send.acknowledgedSet());
      failed.or(send.failedSet());
    }
    acked.clear(n, Integer.MAX_VALUE);
    failed.clear(n, Integer.MAX_VALUE);
    failed.andNot(acked);

    BitSet received = new BitSet();
    long duplicates = 0;
    long reordered = 0;
    long foreign = 0;
    for (SequenceTracker consumer : consumers) {
      BitSet seen = consumer.seen(0);
      BitSet again = (BitSet) received.clone();
      again.and(seen);
      duplicates += again.cardinality() + consumer.duplicates(0);
      reordered += consumer.reorderings(0);
      foreign += consumer.foreign();
      received.or(seen);
    }
    // Sequence numbers at or above sent cannot be this producer's messages.
    BitSet beyond = (BitSet) received.clone();
    beyond.clear(0, n);
    foreign += beyond.cardinality();
    received.clear(n, Integer.MAX_VALUE);

    BitSet unacked = new BitSet();
    unacked.set(0, n);
    unacked.andNot(acked);
    BitSet indeterminate = (BitSet) unacked.clone();
    indeterminate.andNot(failed);
    if (!acknowledgementsExpected) {
      indeterminate.clear();
    }

    BitSet ackedLost = (BitSet) acked.clone();
    ackedLost.andNot(received);
    BitSet unackedLost = (BitSet) unacked.clone();
    unackedLost.andNot(received);
    BitSet recovered = (BitSet) failed.clone();
    recovered.or(indeterminate);
    recovered.and(received);

    List<Long> sample =
        ackedLost.stream()
            .limit(SequenceTracker.SAMPLE_LIMIT)
            .mapToObj(i -> (long) i)
            .collect(java.util.stream.Collectors.toList());
    return new Ledger(
        sent,
        acked.cardinality(),
        failed.cardinality(),
        indeterminate.cardinality(),
        received.cardinality(),
        ackedLost.cardinality(),
        unackedLost.cardinality(),
        recovered.cardinality(),
        duplicates,
        reordered,
        foreign,
        sample);
  }

  /** Everything sent was received exactly once, in order. */
  public boolean clean() {
    return received == sent && duplicates == 0 && reordered == 0 && foreign == 0;
  }

  /** One line for logs and assertion messages. */
  public String summary() {
    return String.format(
        "sent %d, acked %d, failed %d, indeterminate %d, received %d; acked-but-lost %d,"
            + " unacked-and-lost %d, recovered %d, duplicates %d, reordered %d%s",
        sent,
        acked,
        failed,
        indeterminate,
        received,
        ackedLost,
        unackedLost,
        recovered,
        duplicates,
        reordered,
        ackedLostSample.isEmpty() ? "" : " (first acked-but-lost: " + ackedLostSample + ")");
  }
}
