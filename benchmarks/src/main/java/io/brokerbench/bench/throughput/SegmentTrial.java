package io.brokerbench.bench.throughput;

import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.rig.LoadRig;
import io.brokerbench.harness.rig.SendPlan;
import org.HdrHistogram.Histogram;

/**
 * The running segment of a {@link ThroughputBenchmark} fork: its driver, rig and what its measured
 * iterations added up to. Kept apart from the JMH class so that the benchmark reads as its life
 * cycle (set-up, iterations, tear-down) and this as the state one segment carries through it.
 */
final class SegmentTrial {
  BrokerDriver driver;
  LoadRig rig;
  SendPlan batch;
  TrialOutput output;
  boolean delivers;
  long measuredNs;
  long measuredDelivered;
  long measuredWaitNs;
  final Histogram measuredLatency = new Histogram(3);

  /** TCP connections open before the driver connected (JMH's own link to its host). */
  int connectionsBefore;

  /** The most connections beyond those seen at the end of a measurement iteration; -1: none. */
  int connections = -1;

  /**
   * What the trial counts as done: first deliveries, or for a producer alone (nobody reads)
   * acknowledged sends.
   */
  long completed() {
    return delivers ? rig.delivered() : rig.acknowledged();
  }
}
