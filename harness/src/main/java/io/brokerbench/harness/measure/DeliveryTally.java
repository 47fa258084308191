package io.brokerbench.harness.measure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/** Merges the consumers of one subscription with the producers of its topic into a tally. */
public final class DeliveryTally {
  private DeliveryTally() {}

  /**
   * @param topic the topic's index
   * @param subscription the subscription's index in the topic
   * @param sent per producer of the topic, in producer order: messages handed to the driver
   * @param sends per producer of the topic, in producer order: copies of its send trackers
   * @param consumers copies of the trackers of the subscription's consumers
   */
  public static SubscriptionTally subscription(
      int topic,
      int subscription,
      long[] sent,
      List<SendTracker> sends,
      List<SequenceTracker> consumers) {
    List<ProducerTally> producers = new ArrayList<>(sent.length);
    long foreign = 0;
    long negative = 0;
    for (SequenceTracker consumer : consumers) {
      foreign += consumer.foreign();
      negative += consumer.negativeLatencies();
    }
    for (int i = 0; i < sent.length; i++) {
      producers.add(producer(i, sent[i], sends.get(i), consumers));
    }
    return new SubscriptionTally(topic, subscription, producers, foreign, negative);
  }

  private static ProducerTally producer(
      int index, long sent, SendTracker send, List<SequenceTracker> consumers) {
    BitSet received = new BitSet();
    TreeSet<Long> duplicateSample = new TreeSet<>();
    long duplicates = 0;
    long reorderings = 0;
    for (SequenceTracker consumer : consumers) {
      BitSet seen = consumer.seen(index);
      // Seen by this consumer and by an earlier one of the same subscription: a duplicate too.
      BitSet across = (BitSet) received.clone();
      across.and(seen);
      duplicates += across.cardinality() + consumer.duplicates(index);
      addSample(duplicateSample, across);
      duplicateSample.addAll(consumer.duplicateSample(index));
      reorderings += consumer.reorderings(index);
      received.or(seen);
    }
    int sentBits = (int) Math.min(sent, SequenceTracker.MAX_SEQUENCE + 1);
    BitSet missing = new BitSet();
    missing.set(0, sentBits);
    missing.andNot(received);
    missing.andNot(send.failedSet());
    BitSet lostAcknowledged = (BitSet) send.acknowledgedSet().clone();
    lostAcknowledged.andNot(received);
    return new ProducerTally(
        send.producerId(),
        sent,
        send.acknowledgedCount(),
        send.failedCount(),
        received.cardinality(),
        missing.cardinality(),
        duplicates,
        reorderings,
        lostAcknowledged.cardinality(),
        sample(missing),
        trim(duplicateSample),
        sample(lostAcknowledged));
  }

  private static void addSample(TreeSet<Long> sample, BitSet bits) {
    for (int i = bits.nextSetBit(0);
        i >= 0 && sample.size() < SequenceTracker.SAMPLE_LIMIT;
        i = bits.nextSetBit(i + 1)) {
      sample.add((long) i);
    }
  }

  private static List<Long> sample(BitSet bits) {
    TreeSet<Long> sample = new TreeSet<>();
    addSample(sample, bits);
    return List.copyOf(sample);
  }

  private static List<Long> trim(TreeSet<Long> sample) {
    List<Long> first = new ArrayList<>();
    for (Long sequence : sample) {
      if (first.size() == SequenceTracker.SAMPLE_LIMIT) {
        break;
      }
      first.add(sequence);
    }
    return first;
  }
}
