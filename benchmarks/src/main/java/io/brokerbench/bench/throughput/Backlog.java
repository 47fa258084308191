package io.brokerbench.bench.throughput;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.RigSettings;
import io.brokerbench.harness.rig.SendPlan;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;

/**
 * Fills a trial's topic before a consumer is timed reading it: brokerbench's own producer, alone
 * (no subscription while it sends), through the same rig and in-flight window as the producer-only
 * trial, until the broker has acknowledged every message. brokerbench's consumer-only trial and the
 * topic that Kafka's ConsumerPerformance reads are filled by this one piece of code, so the two
 * consumers read logs made the same way: same record size, same batches, same segments.
 */
final class Backlog {
  /** How long the broker may take to acknowledge the last of the backlog once all is sent. */
  private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(60);

  private Backlog() {}

  /**
   * Prepares {@code topology}'s topics on {@code driver} and sends {@code messages} messages of
   * {@code messageBytes} to them at {@code tier}. The topics stay until the driver is closed.
   *
   * @throws DriverException if a send failed or the broker did not acknowledge everything in time
   */
  static void fill(
      BrokerDriver driver, Topology topology, GuaranteeTier tier, long messages, int messageBytes)
      throws DriverException, InterruptedException {
    Topology producersAlone =
        new Topology(
            topology.trialId(),
            topology.topics(),
            topology.partitionsPerTopic(),
            0,
            topology.consumersPerSubscription(),
            topology.producersPerTopic());
    // Closing the rig closes its producers only; the driver, and with it the topic, stays.
    try (LoadRig rig =
        LoadRig.start(
            driver,
            producersAlone,
            tier,
            RigSettings.defaults()
                .withInFlightWindow(ThroughputBenchmark.window(messageBytes))
                .withStallTimeout(Duration.ofSeconds(30)))) {
      rig.send(SendPlan.count(messageBytes, messages / producersAlone.totalProducers()));
      if (!rig.awaitDelivery(ACKNOWLEDGED_WITHIN)) {
        throw new DriverException(
            "filling "
                + topology.topicName(0)
                + ": the broker acknowledged "
                + rig.acknowledged()
                + " of "
                + rig.totalSent()
                + " messages within "
                + ACKNOWLEDGED_WITHIN.toSeconds()
                + " s ("
                + rig.failedSends()
                + " sends failed)");
      }
    }
  }
}
