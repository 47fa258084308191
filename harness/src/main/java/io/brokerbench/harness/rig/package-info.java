/**
 * The rig: drives one trial of a topology through a driver. It starts the consumers and producers,
 * sends in phases (warm-up, measurement) with a bounded in-flight window and, when paced, a
 * schedule of intended send times (a fixed rate or Poisson arrivals, {@link
 * io.brokerbench.harness.rig.Arrivals}), and hands out the trial's latency recorders and delivery
 * accounting. {@link io.brokerbench.harness.rig.PacedPhase} runs one open-loop phase and judges
 * whether the system sustained its rate. The throughput and latency suites build on it.
 */
package io.brokerbench.harness.rig;
