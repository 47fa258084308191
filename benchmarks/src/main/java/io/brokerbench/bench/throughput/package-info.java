/**
 * The throughput suite: delivered messages per second of matched workloads, each (system, tier,
 * workload) a JMH trial in a fork of its own, measured in interleaved rounds (claims K1, K3, R1,
 * Z1, Z4).
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.throughput.ThroughputSuite}: the profile's systems, workloads
 *       and rounds, the window check, the vendors' tools beside each trial, and the folding of
 *       rounds into {@link io.brokerbench.bench.throughput.ThroughputRow}s.
 *   <li>{@link io.brokerbench.bench.throughput.ThroughputBenchmark} and {@link
 *       io.brokerbench.bench.throughput.ConsumerOnlyBenchmark}: the JMH benchmarks a fork runs;
 *       {@link io.brokerbench.bench.throughput.SteadyState} decides when a warm-up is over, {@link
 *       io.brokerbench.bench.throughput.TrialOutput} carries a fork's figures back.
 *   <li>{@link io.brokerbench.bench.throughput.Targets}: a driver for a system from a fork's
 *       settings; {@link io.brokerbench.bench.throughput.BrokerWatch} voids a trial whose broker
 *       died; {@link io.brokerbench.bench.throughput.TcpConnections} counts a workload's
 *       connections.
 * </ul>
 */
package io.brokerbench.bench.throughput;
