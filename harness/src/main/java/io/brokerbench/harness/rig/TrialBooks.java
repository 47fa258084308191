package io.brokerbench.harness.rig;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Deliveries;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.measure.DeliveryTally;
import io.brokerbench.harness.measure.SendTracker;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.measure.SubscriptionTally;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.List;

/**
 * The books {@link LoadRig} keeps for one trial: what each producer handed to the driver, what the
 * broker acknowledged or refused, and what each consumer received; and the sums and the delivery
 * report drawn from them. Apart from the rig so that the rig reads as the trial's life cycle and
 * its send phases, and the arithmetic over consumers, subscriptions and producers sits in one
 * place.
 *
 * <p>The rig fills the lists while it sets the trial up, before any producer runs; from then on
 * they do not change, and any thread may read the counts.
 */
final class TrialBooks {
  private final Topology topology;
  private final GuaranteeTier tier;

  /** Indexed by {@link #consumerIndex}. */
  final List<Deliveries> receivers = new ArrayList<>();

  /** Indexed by producer id. */
  final List<Acknowledgements> acknowledgements = new ArrayList<>();

  /** Per producer id: messages handed to the driver, which is also its next sequence number. */
  final PerProducer sent;

  /** Per producer: nanoseconds spent waiting at a full in-flight window. */
  final PerProducer windowWaitNs;

  TrialBooks(Topology topology, GuaranteeTier tier) {
    this.topology = topology;
    this.tier = tier;
    this.sent = new PerProducer(topology.totalProducers());
    this.windowWaitNs = new PerProducer(topology.totalProducers());
  }

  int consumerIndex(int topic, int subscription, int consumer) {
    return (topic * topology.subscriptionsPerTopic() + subscription)
            * topology.consumersPerSubscription()
        + consumer;
  }

  /** The first consumer or producer failure a driver reported, or null. */
  String anyFailure() {
    for (int i = 0; i < receivers.size(); i++) {
      String failure = receivers.get(i).failure();
      if (failure != null) {
        return "consumer " + consumerName(i) + ": " + failure;
      }
    }
    for (int id = 0; id < acknowledgements.size(); id++) {
      String failure = acknowledgements.get(id).failure();
      if (failure != null) {
        return "producer "
            + id
            + " of "
            + topology.topicName(topology.topicOf(id))
            + ": "
            + failure;
      }
    }
    return null;
  }

  String consumerName(int index) {
    int c = index % topology.consumersPerSubscription();
    int subscriptionIndex = index / topology.consumersPerSubscription();
    int t = subscriptionIndex / topology.subscriptionsPerTopic();
    int s = subscriptionIndex % topology.subscriptionsPerTopic();
    return topology.subscriptionName(t, s) + "-c" + c;
  }

  boolean allDelivered() {
    for (int id = 0; id < sent.length(); id++) {
      if (outstanding(id) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Messages of producer {@code id} sent but not yet received by its slowest subscription, less
   * those reported failed. Without subscriptions: sent but not acknowledged (tier {@code none}: 0).
   */
  long outstanding(int id) {
    Acknowledgements acks = acknowledgements.get(id);
    long done = acks.failed();
    if (topology.subscriptionsPerTopic() == 0) {
      done += tier == GuaranteeTier.NONE ? sent.get(id) : acks.acknowledged();
    } else {
      done += minDelivered(id);
    }
    return sent.get(id) - done;
  }

  private long minDelivered(int id) {
    int topic = topology.topicOf(id);
    int producerIndex = id - topology.producerId(topic, 0);
    long min = Long.MAX_VALUE;
    for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
      long delivered = 0;
      for (int c = 0; c < topology.consumersPerSubscription(); c++) {
        delivered += receivers.get(consumerIndex(topic, s, c)).delivered(producerIndex);
      }
      min = Math.min(min, delivered);
    }
    return min;
  }

  /** See {@link LoadRig#windowWaitNs()}. */
  long windowWaitNs() {
    long total = 0;
    for (int id = 0; id < windowWaitNs.length(); id++) {
      total += windowWaitNs.get(id);
    }
    return total;
  }

  /** See {@link LoadRig#delivered()}. */
  long delivered() {
    long total = 0;
    for (int t = 0; t < topology.topics(); t++) {
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        for (int c = 0; c < topology.consumersPerSubscription(); c++) {
          Deliveries receiver = receivers.get(consumerIndex(t, s, c));
          for (int p = 0; p < topology.producersPerTopic(); p++) {
            total += receiver.delivered(p);
          }
        }
      }
    }
    return total;
  }

  /** See {@link LoadRig#acknowledged()}. */
  long acknowledged() {
    long total = 0;
    for (Acknowledgements acks : acknowledgements) {
      total += acks.acknowledged();
    }
    return total;
  }

  /** See {@link LoadRig#failedSends()}. */
  long failedSends() {
    long total = 0;
    for (Acknowledgements acks : acknowledgements) {
      total += acks.failed();
    }
    return total;
  }

  /** See {@link LoadRig#totalSent()}. */
  long totalSent() {
    long total = 0;
    for (int id = 0; id < sent.length(); id++) {
      total += sent.get(id);
    }
    return total;
  }

  /** See {@link LoadRig#report()}. */
  DeliveryReport report() {
    List<SendTracker> sends = new ArrayList<>();
    long acknowledged = 0;
    long failed = 0;
    List<String> failures = new ArrayList<>();
    for (int id = 0; id < acknowledgements.size(); id++) {
      SendTracker tracker = acknowledgements.get(id).snapshot();
      sends.add(tracker);
      acknowledged += tracker.acknowledgedCount();
      failed += tracker.failedCount();
      String producer = "producer " + id + " of " + topology.topicName(topology.topicOf(id));
      if (acknowledgements.get(id).failure() != null) {
        failures.add(producer + ": " + acknowledgements.get(id).failure());
      }
      if (tracker.firstFailure() != null) {
        failures.add(
            producer
                + ": "
                + tracker.failedCount()
                + " send(s) failed, the first with "
                + tracker.firstFailure());
      }
    }
    for (int i = 0; i < receivers.size(); i++) {
      if (receivers.get(i).failure() != null) {
        failures.add("consumer " + consumerName(i) + ": " + receivers.get(i).failure());
      }
    }
    List<SubscriptionTally> subscriptions = new ArrayList<>();
    for (int t = 0; t < topology.topics(); t++) {
      int first = topology.producerId(t, 0);
      long[] sentByTopic = new long[topology.producersPerTopic()];
      for (int p = 0; p < sentByTopic.length; p++) {
        sentByTopic[p] = sent.get(first + p);
      }
      List<SendTracker> topicSends = sends.subList(first, first + sentByTopic.length);
      for (int s = 0; s < topology.subscriptionsPerTopic(); s++) {
        List<SequenceTracker> snapshots = new ArrayList<>();
        for (int c = 0; c < topology.consumersPerSubscription(); c++) {
          snapshots.add(receivers.get(consumerIndex(t, s, c)).snapshot());
        }
        subscriptions.add(DeliveryTally.subscription(t, s, sentByTopic, topicSends, snapshots));
      }
    }
    return new DeliveryReport(totalSent(), acknowledged, failed, subscriptions, failures);
  }
}
