package io.brokerbench.harness.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one consumer has received from the producers of its topic: which sequence numbers (one bit
 * each), how many of them more than once, how many out of order.
 *
 * <p>Order is judged per producer <em>and partition</em>, as seen by this one consumer: that is the
 * order every system here promises (a partition, queue or socket is FIFO); messages of one producer
 * in different partitions, or consumed by different consumers, have no order between them. A
 * message counts as reordered when its sequence number is below the highest one already received
 * from the same producer and partition; a gap (a lost message) is not a reordering. Duplicates
 * within this consumer are counted here; duplicates across the consumers of a subscription are
 * found when {@link DeliveryTally} merges them.
 *
 * <p>Not thread-safe: one writer at a time (the harness's receive callback holds a lock around it),
 * except {@link #delivered(int)}, which any thread may read while the writer runs, to keep the
 * producers' in-flight window. Memory: one bit per message per producer, e.g. 4 MiB for 32 million
 * messages; sequence numbers above {@link #MAX_SEQUENCE} are counted as foreign.
 */
public final class SequenceTracker {
  /** The largest sequence number tracked: a {@link BitSet} is indexed by {@code int}. */
  public static final long MAX_SEQUENCE = Integer.MAX_VALUE - 1L;

  /** How many duplicate sequence numbers are kept per producer, for the report. */
  public static final int SAMPLE_LIMIT = 100;

  /** What {@link #record} found. */
  public enum Outcome {
    /** The first delivery of this message to this consumer. */
    FIRST,
    /** Delivered to this consumer before. */
    DUPLICATE,
    /** Not from a producer of this topic, or a partition or sequence number out of range. */
    FOREIGN
  }

  private final int firstProducerId;
  private final int partitions;
  private final BitSet[] seen;
  private final long[] duplicates;
  private final List<List<Long>> duplicateSamples;
  private final long[] reorderings;
  private final long[][] highestPerPartition;
  private final AtomicLongArray delivered;
  private long foreign;
  private long negativeLatencies;

  /**
   * @param firstProducerId the id of the topic's first producer; its producers are numbered
   *     consecutively from there
   * @param producers the number of producers of the topic
   * @param partitions the number of partitions of the topic
   */
  public SequenceTracker(int firstProducerId, int producers, int partitions) {
    this.firstProducerId = firstProducerId;
    this.partitions = partitions;
    this.seen = new BitSet[producers];
    this.duplicates = new long[producers];
    this.duplicateSamples = new ArrayList<>(producers);
    this.reorderings = new long[producers];
    this.highestPerPartition = new long[producers][];
    this.delivered = new AtomicLongArray(producers);
    for (int i = 0; i < producers; i++) {
      seen[i] = new BitSet();
      duplicateSamples.add(new ArrayList<>());
    }
  }

  private SequenceTracker(SequenceTracker other) {
    this(other.firstProducerId, other.seen.length, other.partitions);
    for (int i = 0; i < seen.length; i++) {
      seen[i] = (BitSet) other.seen[i].clone();
      duplicates[i] = other.duplicates[i];
      duplicateSamples.get(i).addAll(other.duplicateSamples.get(i));
      reorderings[i] = other.reorderings[i];
      if (other.highestPerPartition[i] != null) {
        highestPerPartition[i] = other.highestPerPartition[i].clone();
      }
      delivered.set(i, other.delivered.get(i));
    }
    foreign = other.foreign;
    negativeLatencies = other.negativeLatencies;
  }

  /** Notes one delivery. */
  public Outcome record(int producerId, int partition, long sequence) {
    int producer = producerId - firstProducerId;
    if (producer < 0
        || producer >= seen.length
        || partition < 0
        || partition >= partitions
        || sequence < 0
        || sequence > MAX_SEQUENCE) {
      foreign++;
      return Outcome.FOREIGN;
    }
    BitSet bits = seen[producer];
    int index = (int) sequence;
    if (bits.get(index)) {
      duplicates[producer]++;
      List<Long> sample = duplicateSamples.get(producer);
      if (sample.size() < SAMPLE_LIMIT) {
        sample.add(sequence);
      }
      return Outcome.DUPLICATE;
    }
    bits.set(index);
    long[] highest = highestPerPartition[producer];
    if (highest == null) {
      highest = new long[partitions];
      Arrays.fill(highest, -1);
      highestPerPartition[producer] = highest;
    }
    if (sequence < highest[partition]) {
      reorderings[producer]++;
    } else {
      highest[partition] = sequence;
    }
    // Release: a producer thread reads this to keep its window; it needs no stronger ordering.
    delivered.setRelease(producer, delivered.getPlain(producer) + 1);
    return Outcome.FIRST;
  }

  /** Notes a payload that carries no harness header at all. */
  public void recordForeign() {
    foreign++;
  }

  /** Notes a delivery whose receive time came before its intended send time (clock trouble). */
  public void recordNegativeLatency() {
    negativeLatencies++;
  }

  /**
   * Messages of the topic's {@code producerIndex}-th producer received at least once by this
   * consumer. Safe to call from any thread.
   */
  public long delivered(int producerIndex) {
    return delivered.getAcquire(producerIndex);
  }

  /** A copy, for the tally; the caller holds the writer's lock. */
  public SequenceTracker copy() {
    return new SequenceTracker(this);
  }

  public int firstProducerId() {
    return firstProducerId;
  }

  public int producers() {
    return seen.length;
  }

  /** The sequence numbers received from the {@code producerIndex}-th producer (live; copy it). */
  BitSet seen(int producerIndex) {
    return seen[producerIndex];
  }

  long duplicates(int producerIndex) {
    return duplicates[producerIndex];
  }

  List<Long> duplicateSample(int producerIndex) {
    return duplicateSamples.get(producerIndex);
  }

  long reorderings(int producerIndex) {
    return reorderings[producerIndex];
  }

  /** Deliveries that were not from a producer of this topic, or out of range. */
  public long foreign() {
    return foreign;
  }

  public long negativeLatencies() {
    return negativeLatencies;
  }
}
