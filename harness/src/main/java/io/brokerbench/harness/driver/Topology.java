package io.brokerbench.harness.driver;

import io.brokerbench.harness.workload.Workload;
import java.util.regex.Pattern;

/**
 * The shape of one trial: topics of partitions, subscriptions of consumers, producers; and the
 * names its topics and subscriptions get on the broker. Every index is 0-based.
 *
 * <ul>
 *   <li>Each of the {@code topics} topics has {@code partitionsPerTopic} partitions (Kafka
 *       partitions; RabbitMQ queues, one set per subscription; ZeroMQ sockets or endpoints).
 *   <li>Each topic has {@code subscriptionsPerTopic} subscriptions. Every subscription receives
 *       every message of its topic (Kafka: its own consumers with statically assigned partitions;
 *       RabbitMQ: its own queues bound to the topic's exchange; ZeroMQ: PUB/SUB). With 0
 *       subscriptions producers run alone.
 *   <li>The {@code consumersPerSubscription} consumers of a subscription share its messages, each
 *       partition going to one consumer (see {@link #partitionsOf}).
 *   <li>Each topic has {@code producersPerTopic} producers. Producer ids are unique in the trial
 *       and dense: the producers of topic {@code t} are {@code t * producersPerTopic} up to {@code
 *       (t + 1) * producersPerTopic - 1} (see {@link #producerId}).
 * </ul>
 *
 * @param trialId names this trial's topics and subscriptions so that no trial sees another's
 *     messages: letters, digits, {@code .}, {@code _} and {@code -} (legal in every system's
 *     names), at most 100 characters
 * @param topics 1 or more
 * @param partitionsPerTopic 1 or more
 * @param subscriptionsPerTopic 0 or more
 * @param consumersPerSubscription 1 or more when there are subscriptions
 * @param producersPerTopic 1 or more
 */
public record Topology(
    String trialId,
    int topics,
    int partitionsPerTopic,
    int subscriptionsPerTopic,
    int consumersPerSubscription,
    int producersPerTopic) {

  private static final Pattern TRIAL_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public Topology {
    if (trialId == null || !TRIAL_ID.matcher(trialId).matches()) {
      throw new IllegalArgumentException(
          "trialId: '"
              + trialId
              + "' is not a usable name; use 1 to 100 letters, digits, '.', '_' or '-'");
    }
    positive("topics", topics);
    positive("partitionsPerTopic", partitionsPerTopic);
    if (subscriptionsPerTopic < 0) {
      throw new IllegalArgumentException(
          "subscriptionsPerTopic: must be 0 or more, was " + subscriptionsPerTopic);
    }
    if (subscriptionsPerTopic > 0) {
      positive("consumersPerSubscription", consumersPerSubscription);
    }
    positive("producersPerTopic", producersPerTopic);
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + ": must be 1 or more, was " + value);
    }
  }

  /** The topology of {@code workload}, named for one trial. */
  public static Topology of(String trialId, Workload workload) {
    return new Topology(
        trialId,
        workload.topics(),
        workload.partitionsPerTopic(),
        workload.subscriptionsPerTopic(),
        workload.consumerPerSubscription(),
        workload.producersPerTopic());
  }

  /** The broker-side name of topic {@code topic}: {@code <trialId>-t<topic>}. */
  public String topicName(int topic) {
    return trialId + "-t" + topic;
  }

  /** The broker-side name of a subscription: {@code <trialId>-t<topic>-s<subscription>}. */
  public String subscriptionName(int topic, int subscription) {
    return topicName(topic) + "-s" + subscription;
  }

  /** The trial-wide id of the {@code producer}-th producer of topic {@code topic}. */
  public int producerId(int topic, int producer) {
    return topic * producersPerTopic + producer;
  }

  /** The topic a producer id belongs to. */
  public int topicOf(int producerId) {
    return producerId / producersPerTopic;
  }

  public int totalProducers() {
    return topics * producersPerTopic;
  }

  public int totalSubscriptions() {
    return topics * subscriptionsPerTopic;
  }

  public int totalConsumers() {
    return totalSubscriptions() * consumersPerSubscription;
  }

  /**
   * The partitions that consumer {@code consumer} of a subscription reads when the system has no
   * group protocol of its own to assign them (RabbitMQ queues, ZeroMQ sockets): partition {@code p}
   * goes to consumer {@code p % consumersPerSubscription}. With more consumers than partitions some
   * consumers get none and idle, as in a Kafka group.
   */
  public int[] partitionsOf(int consumer) {
    int count = 0;
    for (int p = consumer; p < partitionsPerTopic; p += consumersPerSubscription) {
      count++;
    }
    int[] partitions = new int[count];
    for (int i = 0, p = consumer; p < partitionsPerTopic; p += consumersPerSubscription, i++) {
      partitions[i] = p;
    }
    return partitions;
  }
}
