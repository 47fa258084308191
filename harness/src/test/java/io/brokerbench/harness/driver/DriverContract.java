package io.brokerbench.harness.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.rig.SendResult;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link BrokerDriver} passes: the in-memory driver here ({@code
 * InMemoryDriverContractTest}), and each real driver against its real broker, as an {@code *IT}
 * that extends this class (from the harness's test-jar) and says how to make a driver.
 *
 * <p>For each topology shape and each tier the driver offers: N messages per producer sent through
 * the topology reach every subscription exactly once, in order per producer and partition, with
 * their header intact; at tier {@code ack} and {@code durable} every one is acknowledged, at tier
 * {@code none} none is. A tier the driver does not offer is refused with {@link
 * TierNotOfferedException}, never run at another tier. Tiers a driver does not offer show up as
 * skipped, so the report says which.
 */
public abstract class DriverContract {
  private static final AtomicInteger TRIALS = new AtomicInteger();

  /** A new driver for one trial, connected to the broker under test. */
  protected abstract BrokerDriver newDriver() throws Exception;

  /** Messages per producer in each shape; small enough for a real broker on two cores. */
  protected long messagesPerProducer() {
    return 2_000;
  }

  /** Message size; 100 bytes keeps the test about counting, not bandwidth. */
  protected int messageBytes() {
    return 100;
  }

  /** How long a broker may take to deliver everything. */
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(60);
  }

  protected RigSettings rigSettings() {
    return RigSettings.defaults();
  }

  /** A trial id no other trial on the same broker has used. */
  protected String newTrialId(String shape) {
    return "contract-"
        + shape
        + "-"
        + Long.toString(System.currentTimeMillis(), 36)
        + "-"
        + TRIALS.incrementAndGet();
  }

  /** The topology shapes of the matched workloads, small. */
  static Stream<Arguments> shapesAndTiers() {
    List<Arguments> arguments = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      for (GuaranteeTier tier : GuaranteeTier.values()) {
        arguments.add(Arguments.of(shape, tier));
      }
    }
    return arguments.stream();
  }

  /** topics, partitions, subscriptions, consumers per subscription, producers per topic. */
  enum Shape {
    ONE_TO_ONE(1, 1, 1, 1, 1),
    PARTITIONS(1, 4, 1, 2, 1),
    FAN_IN(1, 1, 1, 1, 3),
    FAN_OUT(1, 1, 3, 1, 1),
    TWO_TOPICS(2, 2, 1, 1, 2);

    final int topics;
    final int partitions;
    final int subscriptions;
    final int consumers;
    final int producers;

    Shape(int topics, int partitions, int subscriptions, int consumers, int producers) {
      this.topics = topics;
      this.partitions = partitions;
      this.subscriptions = subscriptions;
      this.consumers = consumers;
      this.producers = producers;
    }

    Topology topology(String trialId) {
      return new Topology(trialId, topics, partitions, subscriptions, consumers, producers);
    }

    String key() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("shapesAndTiers")
  // The rig is closed early on purpose: a producer's close waits for its acknowledgements.
  @SuppressWarnings("try")
  void everyMessageReachesEverySubscriptionOnceInOrder(Shape shape, GuaranteeTier tier)
      throws Exception {
    try (BrokerDriver driver = newDriver()) {
      assumeTrue(driver.offers(tier), tier + " is not offered by this driver");
      Topology topology = shape.topology(newTrialId(shape.key()));
      try (LoadRig rig = LoadRig.start(driver, topology, tier, rigSettings())) {
        SendResult sent = rig.send(SendPlan.count(messageBytes(), messagesPerProducer()));
        long expectedSent = messagesPerProducer() * topology.totalProducers();
        assertEquals(expectedSent, sent.sent());
        assertTrue(
            rig.awaitDelivery(deliveryTimeout()),
            "not everything arrived within " + deliveryTimeout() + ": " + rig.report().summary());

        DeliveryReport report = rig.report();
        assertTrue(report.exactlyOnceInOrder(), report.summary());
        long deliveries = expectedSent * topology.subscriptionsPerTopic();
        assertEquals(deliveries, report.received(), report.summary());
        Histogram endToEnd = rig.endToEndNs().getIntervalHistogram();
        assertEquals(deliveries, endToEnd.getTotalCount(), "one latency per delivery");

        // Close first: a producer's close waits for its outstanding acknowledgements.
        rig.close();
        report = rig.report();
        Histogram publish = rig.publishNs().getIntervalHistogram();
        if (tier == GuaranteeTier.NONE) {
          assertEquals(0, report.acknowledged(), "tier none acknowledges nothing");
        } else {
          assertEquals(expectedSent, report.acknowledged(), report.summary());
          assertEquals(expectedSent, publish.getTotalCount(), "one publish latency per message");
          assertEquals(0, report.lostAcknowledged(), report.summary());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(GuaranteeTier.class)
  void aTierNotOfferedIsRefusedNotSubstituted(GuaranteeTier tier) throws Exception {
    try (BrokerDriver driver = newDriver()) {
      assumeFalse(driver.offers(tier), tier + " is offered by this driver");
      Topology topology = Shape.ONE_TO_ONE.topology(newTrialId("refused"));
      TierNotOfferedException e =
          assertThrows(TierNotOfferedException.class, () -> driver.prepare(topology, tier));
      assertEquals(tier, e.tier());
      assertTrue(e.getMessage().contains("not offered"), e.getMessage());
    }
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    BrokerDriver driver = newDriver();
    GuaranteeTier tier =
        Stream.of(GuaranteeTier.values()).filter(driver::offers).findFirst().orElseThrow();
    driver.prepare(Shape.ONE_TO_ONE.topology(newTrialId("close")), tier);
    driver.close();
    driver.close();
  }
}
