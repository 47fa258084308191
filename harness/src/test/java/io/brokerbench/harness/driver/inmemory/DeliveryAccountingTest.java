package io.brokerbench.harness.driver.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.DeliveryReport;
import io.brokerbench.harness.measure.ProducerTally;
import io.brokerbench.harness.measure.SubscriptionTally;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gap and duplicate accounting, exactly: a driver that loses and duplicates known messages on
 * purpose, and a report that names exactly those, in every subscription.
 */
class DeliveryAccountingTest {
  private static final long MESSAGES = 1_000;

  @ParameterizedTest
  @EnumSource(
      value = GuaranteeTier.class,
      names = {"NONE", "ACK"})
  void reportsExactlyTheDroppedAndDuplicatedMessages(GuaranteeTier tier) throws Exception {
    // Two producers of one topic, two partitions, two subscriptions of two consumers each.
    Topology topology = new Topology("faults", 1, 2, 2, 2, 2);
    InMemoryDriver driver =
        InMemoryDriver.builder()
            .drop(0, 3, 17, 500)
            .duplicate(0, 5, 42)
            .drop(1, 0)
            .duplicate(1, 999)
            .build();
    try (driver;
        LoadRig rig = LoadRig.start(driver, topology, tier, RigSettings.defaults())) {
      rig.send(SendPlan.count(64, MESSAGES));
      assertTrue(driver.awaitDrained(Duration.ofSeconds(30)), "the queues drained");
      assertFalse(rig.awaitDelivery(Duration.ZERO), "lost messages never arrive");

      DeliveryReport report = rig.report();
      assertEquals(2 * MESSAGES, report.sent());
      assertEquals(2, report.subscriptions().size());
      for (SubscriptionTally subscription : report.subscriptions()) {
        ProducerTally first = subscription.producers().get(0);
        assertEquals(List.of(3L, 17L, 500L), first.missingSample(), report.summary());
        assertEquals(3, first.missing());
        assertEquals(List.of(5L, 42L), first.duplicateSample());
        assertEquals(2, first.duplicates());
        assertEquals(MESSAGES - 3, first.received());

        ProducerTally second = subscription.producers().get(1);
        assertEquals(List.of(0L), second.missingSample());
        assertEquals(List.of(999L), second.duplicateSample());
        assertEquals(MESSAGES - 1, second.received());

        assertEquals(0, subscription.reorderings(), "a duplicate is not a reordering");
        assertEquals(0, subscription.foreign());
        if (tier == GuaranteeTier.ACK) {
          // Dropped after acknowledging: acknowledged and lost, what a durability test looks for.
          assertEquals(List.of(3L, 17L, 500L), first.lostAcknowledgedSample());
          assertEquals(List.of(0L), second.lostAcknowledgedSample());
        } else {
          assertEquals(0, subscription.lostAcknowledged());
        }
      }
      assertEquals(2 * (3 + 1), report.missing());
      assertEquals(2 * (2 + 1), report.duplicates());
      assertFalse(report.exactlyOnceInOrder());
      assertEquals(tier == GuaranteeTier.ACK ? 2 * MESSAGES : 0, report.acknowledged());
    }
  }
}
