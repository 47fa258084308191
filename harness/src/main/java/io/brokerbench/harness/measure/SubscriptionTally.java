package io.brokerbench.harness.measure;

import java.util.List;

/**
 * What one subscription (all its consumers together) received from each producer of its topic.
 *
 * @param topic the topic's index
 * @param subscription the subscription's index within the topic
 * @param producers one tally per producer of the topic
 * @param foreign deliveries that were not from a producer of this topic (a routing fault)
 * @param negativeLatencies deliveries received before their intended send time (clock trouble:
 *     never recorded as a latency, counted here instead)
 */
public record SubscriptionTally(
    int topic,
    int subscription,
    List<ProducerTally> producers,
    long foreign,
    long negativeLatencies) {
  public SubscriptionTally {
    producers = List.copyOf(producers);
  }

  public long received() {
    return producers.stream().mapToLong(ProducerTally::received).sum();
  }

  public long missing() {
    return producers.stream().mapToLong(ProducerTally::missing).sum();
  }

  public long duplicates() {
    return producers.stream().mapToLong(ProducerTally::duplicates).sum();
  }

  public long reorderings() {
    return producers.stream().mapToLong(ProducerTally::reorderings).sum();
  }

  public long lostAcknowledged() {
    return producers.stream().mapToLong(ProducerTally::lostAcknowledged).sum();
  }
}
