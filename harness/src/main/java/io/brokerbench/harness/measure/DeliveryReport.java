package io.brokerbench.harness.measure;

import java.util.List;

/**
 * The delivery accounting of one trial: per subscription and producer, what was sent, acknowledged,
 * received, lost, duplicated and reordered, and the failures the drivers reported.
 *
 * @param sent messages handed to the drivers, all producers
 * @param acknowledged of those, acknowledged by a broker
 * @param failed of those, reported failed
 * @param subscriptions one tally per subscription
 * @param failures first failure per producer or consumer, one line each, e.g. {@code producer 3:
 *     ...}; empty when none
 */
public record DeliveryReport(
    long sent,
    long acknowledged,
    long failed,
    List<SubscriptionTally> subscriptions,
    List<String> failures) {
  public DeliveryReport {
    subscriptions = List.copyOf(subscriptions);
    failures = List.copyOf(failures);
  }

  /** Distinct deliveries over all subscriptions (a message counts once per subscription). */
  public long received() {
    return subscriptions.stream().mapToLong(SubscriptionTally::received).sum();
  }

  public long missing() {
    return subscriptions.stream().mapToLong(SubscriptionTally::missing).sum();
  }

  public long duplicates() {
    return subscriptions.stream().mapToLong(SubscriptionTally::duplicates).sum();
  }

  public long reorderings() {
    return subscriptions.stream().mapToLong(SubscriptionTally::reorderings).sum();
  }

  public long lostAcknowledged() {
    return subscriptions.stream().mapToLong(SubscriptionTally::lostAcknowledged).sum();
  }

  public long foreign() {
    return subscriptions.stream().mapToLong(SubscriptionTally::foreign).sum();
  }

  /**
   * Every message sent reached every subscription exactly once, in order per producer and
   * partition, and nothing failed.
   */
  public boolean exactlyOnceInOrder() {
    return failed == 0
        && failures.isEmpty()
        && missing() == 0
        && duplicates() == 0
        && reorderings() == 0
        && foreign() == 0;
  }

  /** One line for logs and assertion messages. */
  public String summary() {
    return "sent "
        + sent
        + ", acknowledged "
        + acknowledged
        + ", failed "
        + failed
        + "; over "
        + subscriptions.size()
        + " subscription(s): received "
        + received()
        + ", missing "
        + missing()
        + ", duplicates "
        + duplicates()
        + ", reorderings "
        + reorderings()
        + ", acknowledged but lost "
        + lostAcknowledged()
        + ", foreign "
        + foreign()
        + (failures.isEmpty() ? "" : "; failures: " + String.join("; ", failures));
  }
}
