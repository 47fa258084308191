/**
 * The rig: drives one trial of a topology through a driver. It starts the consumers and producers,
 * sends in phases (warm-up, measurement) with a bounded in-flight window and, when paced, a
 * fixed-rate schedule of intended send times, and hands out the trial's latency recorders and
 * delivery accounting. The throughput and latency suites build on it.
 */
package io.brokerbench.harness.rig;
